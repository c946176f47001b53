package org.openstreamer.connector.demux.aac;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AdtsHeaderTest {

    /** hex header; expected record, or "null" when it must be refused. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "FFF14C802E7FFC; AdtsHeader[audioObjectType=2, sampleRate=48000, channels=2, frameLength=371]",
        "FFF15080171FFC; AdtsHeader[audioObjectType=2, sampleRate=44100, channels=2, frameLength=184]",
        "FFF95840103FFC; AdtsHeader[audioObjectType=2, sampleRate=24000, channels=1, frameLength=129]",
        "FFF1CD80203FFC; AdtsHeader[audioObjectType=4, sampleRate=48000, channels=6, frameLength=257]",
        "FFF14DC0203FFC; AdtsHeader[audioObjectType=2, sampleRate=48000, channels=8, frameLength=257]",
        "FFF14C00203FFC; AdtsHeader[audioObjectType=2, sampleRate=48000, channels=0, frameLength=257]",
        "FFF17480203FFC; null",   // sampling_frequency_index 13
        "FFF14C8000DFFC; null",   // frame_length 6
        "FFF04C8000FFFC; null",   // with CRC, frame_length 7 < 9
        "FFF34C802E7FFC; null",   // layer 01
        "FFE14C802E7FFC; null",   // no syncword
        "FFF14C802E7F; null",     // 6 bytes
    })
    void parse(String hex, String expected) {
        byte[] b = HexFormat.of().parseHex(hex);
        AdtsHeader h = AdtsHeader.parse(b, 0, b.length);
        assertEquals(expected, String.valueOf(h));
    }
}
