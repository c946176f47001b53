package org.openstreamer.ejb.sync;

import org.junit.jupiter.api.Test;
import org.openstreamer.ejb.model.StreamDefinition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExternalStreamListTest {

    /** What a Python backend that writes str(dict) sends (the reference's example does). */
    static final String PYTHON_REPR = "{'streams': [{'name': 'publish_stream_name', 'inputs': [{'url': 'publish://'}],"
            + " 'srt_publish': {'passphrase': 'securePass'}}, {'name': 'other_publish_stream', 'inputs':"
            + " [{'url': 'publish://'}], 'srt_publish': {'passphrase': 'otherPassword'}}]}";

    @Test
    void readsThePythonReprOfTheReferenceBackend() {
        ExternalStreamList list = ExternalStreamList.parse(PYTHON_REPR);
        assertEquals(2, list.streams().size());
        StreamDefinition first = list.streams().get("publish_stream_name");
        assertTrue(first.options().publishable());
        assertEquals("securePass", first.options().srtPublish().passphrase());
        assertEquals(0, first.options().srtPublish().port());
        assertEquals("otherPassword", list.streams().get("other_publish_stream").options().srtPublish().passphrase());
        assertTrue(list.problems().isEmpty());
    }

    @Test
    void readsStrictJsonAndABareArray() {
        ExternalStreamList object = ExternalStreamList.parse(
                "{\"streams\":[{\"name\":\"a\",\"inputs\":[{\"url\":\"publish://\"}],\"static\":true,\"add_audio_only\":true}]}");
        assertEquals(1, object.streams().size());
        assertEquals(java.util.List.of("a: add_audio_only"), object.ignored());
        ExternalStreamList array = ExternalStreamList.parse("[{\"name\":\"b\",\"inputs\":[{\"url\":\"publish://\"}],}]");
        assertEquals(1, array.streams().size());
    }

    @Test
    void pythonLiteralsQuotesAndEscapes() {
        assertEquals("{\"a\": true, \"b\": false, \"c\": null, \"d\": \"it's \\\"x\\\"\"}",
                LenientJson.normalize("{'a': True, 'b': False, 'c': None, 'd': 'it\\'s \"x\"'}"));
        assertEquals("[1, 2]", LenientJson.normalize("[1, 2,]"));
    }

    @Test
    void aBadStreamIsLeftOutTheOthersKept() {
        ExternalStreamList list = ExternalStreamList.parse("{'streams': [{'name': 'ok', 'inputs': [{'url': 'publish://'}]},"
                + " {'name': 'bad', 'srt_publish': {'passphrase': 'short'}}, {'name': 'bad name!'}, 42]}");
        assertEquals(java.util.Set.of("ok"), list.streams().keySet());
        assertEquals(3, list.problems().size(), list.problems().toString());
        assertTrue(list.problems().get(0).contains("srt_publish.passphrase"), list.problems().toString());
    }

    @Test
    void garbageIsRefusedAsAWhole() {
        assertThrows(IllegalArgumentException.class, () -> ExternalStreamList.parse("<html>502 Bad Gateway</html>"));
        assertThrows(IllegalArgumentException.class, () -> ExternalStreamList.parse("{'streams': 'none'}"));
        assertThrows(IllegalArgumentException.class, () -> ExternalStreamList.parse("{'streams': [{'name': 'x'"));
    }
}
