package org.openstreamer.connector.demux.mpa;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MpegAudioHeaderTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "FFFB9000; MpegAudioHeader[version=10, layer=3, bitrate=128, sampleRate=44100, channels=2]",
        "FFFB90C0; MpegAudioHeader[version=10, layer=3, bitrate=128, sampleRate=44100, channels=1]",
        "FFFBE440; MpegAudioHeader[version=10, layer=3, bitrate=320, sampleRate=48000, channels=2]",
        "FFFDC400; MpegAudioHeader[version=10, layer=2, bitrate=256, sampleRate=48000, channels=2]",
        "FFFFE800; MpegAudioHeader[version=10, layer=1, bitrate=448, sampleRate=32000, channels=2]",
        "FFF384C4; MpegAudioHeader[version=20, layer=3, bitrate=64, sampleRate=24000, channels=1]",
        "FFF50800; MpegAudioHeader[version=20, layer=2, bitrate=0, sampleRate=16000, channels=2]",
        "FFE318C0; MpegAudioHeader[version=25, layer=3, bitrate=8, sampleRate=8000, channels=1]",
        "FFFBF000; null",   // bitrate index 15
        "FFFB9C00; null",   // sampling frequency 11
        "FFEB9000; null",   // version 01 reserved
        "FFF99000; null",   // layer 00 reserved
        "FF7B9000; null",   // no sync
        "FFFB90; null",     // 3 bytes
    })
    void parse(String hex, String expected) {
        byte[] b = HexFormat.of().parseHex(hex);
        assertEquals(expected, String.valueOf(MpegAudioHeader.parse(b, 0, b.length)));
    }
}
