package org.openstreamer.connector.demux.ac3;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

class Ac3HeaderTest {

    /**
     * Byte 4 is fscod(2) frmsizecod(6); byte 5 bsid(5) bsmod(3); bytes 6-7 acmod(3), then cmixlev(2)
     * if acmod is 3, 5 or 7, surmixlev(2) if acmod is 4..7, dsurmod(2) if acmod is 2, then lfeon.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "0B7700001C40E100; Ac3Header[sampleRate=48000, bitrate=384, channels=6, lfe=true]",   // 111 00 00 1: 3/2+LFE
        "0B7700001C40E000; Ac3Header[sampleRate=48000, bitrate=384, channels=5, lfe=false]",  // 111 00 00 0
        "0B7700001C40F200; Ac3Header[sampleRate=48000, bitrate=384, channels=5, lfe=false]",  // 111 10 01 0
        "0B77000054404000; Ac3Header[sampleRate=44100, bitrate=192, channels=2, lfe=false]",  // 010 00 0: 2/0
        "0B77000054404400; Ac3Header[sampleRate=44100, bitrate=192, channels=3, lfe=true]",   // 010 00 1
        "0B7700008C403000; Ac3Header[sampleRate=32000, bitrate=96, channels=2, lfe=true]",    // 001 1: 1/0+LFE
        "0B77000000400000; Ac3Header[sampleRate=48000, bitrate=32, channels=2, lfe=false]",   // 000 0: 1+1
        "0B77000012406000; Ac3Header[sampleRate=48000, bitrate=160, channels=3, lfe=false]",  // 011 00 0: 3/0
        "0B77000013406400; Ac3Header[sampleRate=48000, bitrate=160, channels=4, lfe=true]",   // 011 00 1
        "0B77000012408400; Ac3Header[sampleRate=48000, bitrate=160, channels=4, lfe=true]",   // 100 00 1: 2/1+LFE
        "0B7700001240C000; Ac3Header[sampleRate=48000, bitrate=160, channels=4, lfe=false]",  // 110 00 0: 2/2
        "0B7700001440A100; Ac3Header[sampleRate=48000, bitrate=192, channels=5, lfe=true]",   // 101 00 00 1: 3/1+LFE
        "0B7700001440A200; Ac3Header[sampleRate=48000, bitrate=192, channels=4, lfe=false]",  // 101 00 01 0
        "0B770000C040E100; null",   // fscod 11
        "0B7700002640E100; null",   // frmsizecod 38
        "0B77000014806000; null",   // bsid 16: E-AC-3
        "0B7800001440E100; null",   // no sync
        "0B7700001440E1; null",     // 7 bytes
    })
    void parse(String hex, String expected) {
        byte[] b = HexFormat.of().parseHex(hex);
        assertEquals(expected, String.valueOf(Ac3Header.parse(b, 0, b.length)));
    }
}
