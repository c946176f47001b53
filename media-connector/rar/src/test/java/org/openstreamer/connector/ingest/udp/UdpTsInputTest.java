package org.openstreamer.connector.ingest.udp;

import org.junit.jupiter.api.Test;
import org.openstreamer.connector.ingest.pull.PullUrl;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UdpTsInputTest {

    private static int freePort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static byte[] ts(int packets, int seed) {
        byte[] b = new byte[188 * packets];
        for (int i = 0; i < b.length; i++) {
            b[i] = i % 188 == 0 ? 0x47 : (byte) (seed + i);
        }
        return b;
    }

    @Test
    void waitingDatagramsAreReadInOneGo() throws Exception {
        int port = freePort();
        try (UdpTsInput in = UdpTsInput.open(PullUrl.parse("udp://127.0.0.1:" + port));
             DatagramSocket sender = new DatagramSocket()) {
            byte[] buf = new byte[64 * 1024];
            assertEquals(0, in.read(buf, 0, buf.length), "nothing sent: a poll interval passes");
            byte[] a = ts(7, 1);
            byte[] b = ts(7, 2);
            sender.send(new DatagramPacket(a, a.length, InetAddress.getLoopbackAddress(), port));
            sender.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), port));
            Thread.sleep(50);
            int n = in.read(buf, 0, buf.length);
            assertEquals(a.length + b.length, n);
            assertArrayEquals(a, Arrays.copyOfRange(buf, 0, a.length));
            assertArrayEquals(b, Arrays.copyOfRange(buf, a.length, n));
        }
    }

    @Test
    void aPortInUseIsAFailureWithTheUrl() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            String url = "udp://127.0.0.1:" + taken.getLocalPort();
            IOException e = assertThrows(IOException.class, () -> UdpTsInput.open(PullUrl.parse(url)));
            assertTrue(e.getMessage().contains(url), e.getMessage());
        }
    }

    @Test
    void anInterfaceAddressIsForMulticastOnly() {
        IOException e = assertThrows(IOException.class, () -> UdpTsInput.open(PullUrl.parse("udp://127.0.0.1:" + freePort() + "/127.0.0.1")));
        assertTrue(e.getMessage().contains("multicast groups only"), e.getMessage());
    }

    @Test
    void rtpCarryingTsLosesItsHeaderPlainTsIsLeftAlone() {
        byte[] payload = ts(7, 3);
        byte[] rtp = new byte[12 + 4 + payload.length]; // one CSRC
        rtp[0] = (byte) 0x81;
        rtp[1] = 33;
        System.arraycopy(payload, 0, rtp, 16, payload.length);
        byte[] buf = new byte[100 + rtp.length];
        System.arraycopy(rtp, 0, buf, 100, rtp.length);
        assertEquals(100 + payload.length, UdpTsInput.unwrapRtp(buf, 100, 100 + rtp.length));
        assertArrayEquals(payload, Arrays.copyOfRange(buf, 100, 100 + payload.length));

        byte[] plain = ts(7, 4);
        assertEquals(plain.length, UdpTsInput.unwrapRtp(plain, 0, plain.length));
        byte[] otherRtp = rtp.clone();
        otherRtp[1] = 96; // not MPEG-TS: left for the demuxer to refuse
        assertEquals(otherRtp.length, UdpTsInput.unwrapRtp(otherRtp, 0, otherRtp.length));
    }

    @Test
    void multicastIsJoinedOnLoopbackWhenAsked() throws Exception {
        int port = freePort();
        String group = "239.255.77.1";
        UdpTsInput in;
        try {
            in = UdpTsInput.open(PullUrl.parse("udp://" + group + ":" + port + "/127.0.0.1"));
        } catch (IOException noMulticastHere) {
            // a machine whose loopback does no multicast: the refusal must still say why
            assertTrue(noMulticastHere.getMessage().contains(group), noMulticastHere.getMessage());
            return;
        }
        try (in; java.net.MulticastSocket sender = new java.net.MulticastSocket()) {
            sender.setNetworkInterface(java.net.NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress()));
            byte[] a = ts(7, 5);
            byte[] buf = new byte[64 * 1024];
            int n = 0;
            for (int i = 0; i < 10 && n == 0; i++) {
                sender.send(new DatagramPacket(a, a.length, InetAddress.getByName(group), port));
                n = in.read(buf, 0, buf.length);
            }
            assertEquals(a.length, n, "joined, so the group's datagrams arrive");
            assertArrayEquals(a, Arrays.copyOfRange(buf, 0, a.length));
        }
    }
}
