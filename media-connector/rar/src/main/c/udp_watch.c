/*
 * JNI glue for org.openstreamer.connector.ingest.srt.jni.UdpPortWatch: plain UDP sockets watched
 * with one Linux epoll set, so that a range of thousands of SRT ports costs one file descriptor
 * per port and no thread, until a caller shows up and the port is handed to libsrt
 * (srt_bind_acquire, in srt_jni.c).
 *
 * The sockets stay in blocking mode because libsrt, once it owns one, relies on SO_RCVTIMEO
 * rather than O_NONBLOCK on Linux; reads done here pass MSG_DONTWAIT instead. Packets are left
 * queued while a port waits for its stream to be resolved, so libsrt answers the caller's very
 * first handshake packet once it takes the socket over.
 */
#define _GNU_SOURCE
#include <jni.h>

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "org_openstreamer_connector_ingest_srt_jni_UdpPortWatch.h"

#define FN(name) Java_org_openstreamer_connector_ingest_srt_jni_UdpPortWatch_##name
#define MAX_EVENTS 256

JNIEXPORT jint JNICALL FN(nCreate)(JNIEnv *env, jclass cls)
{
    (void) env;
    (void) cls;
    int fd = epoll_create1(EPOLL_CLOEXEC);
    return fd < 0 ? -errno : fd;
}

/* A UDP socket bound to address:port, the IPv4 address in host order (SO_REUSEADDR, so that a
 * port libsrt is still letting go of can be watched again at once); the descriptor, or -errno. */
JNIEXPORT jint JNICALL FN(nBind)(JNIEnv *env, jclass cls, jint address, jint port)
{
    (void) env;
    (void) cls;
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return -errno;
    }
    int one = 1;
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl((uint32_t) address);
    sa.sin_port = htons((uint16_t) port);
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0
        || bind(fd, (struct sockaddr *) &sa, sizeof sa) < 0) {
        int err = errno;
        close(fd);
        return -err;
    }
    return fd;
}

/* Watches fd for readability; the port travels with the event. 0 or -errno. */
JNIEXPORT jint JNICALL FN(nAdd)(JNIEnv *env, jclass cls, jint epfd, jint fd, jint port)
{
    (void) env;
    (void) cls;
    struct epoll_event ev;
    memset(&ev, 0, sizeof ev);
    ev.events = EPOLLIN;
    ev.data.u64 = ((uint64_t) (uint32_t) fd << 32) | (uint32_t) port;
    return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) < 0 ? -errno : 0;
}

JNIEXPORT jint JNICALL FN(nRemove)(JNIEnv *env, jclass cls, jint epfd, jint fd)
{
    (void) env;
    (void) cls;
    struct epoll_event ev;
    memset(&ev, 0, sizeof ev);
    return epoll_ctl(epfd, EPOLL_CTL_DEL, fd, &ev) < 0 ? -errno : 0;
}

/* Waits up to timeout_ms; fills out[i] with (fd << 32 | port) of each readable socket. */
JNIEXPORT jint JNICALL FN(nWait)(JNIEnv *env, jclass cls, jint epfd, jlongArray out, jint timeout_ms)
{
    (void) cls;
    struct epoll_event events[MAX_EVENTS];
    jsize cap = (*env)->GetArrayLength(env, out);
    int max = cap < MAX_EVENTS ? cap : MAX_EVENTS;
    int n = epoll_wait(epfd, events, max, timeout_ms);
    if (n < 0) {
        return errno == EINTR ? 0 : -errno;
    }
    jlong ready[MAX_EVENTS];
    for (int i = 0; i < n; i++) {
        ready[i] = (jlong) events[i].data.u64;
    }
    (*env)->SetLongArrayRegion(env, out, 0, n, ready);
    return n;
}

/* The sender of the next queued datagram, left queued: "host:port", or NULL when none. */
JNIEXPORT jstring JNICALL FN(nPeekSender)(JNIEnv *env, jclass cls, jint fd)
{
    (void) cls;
    char byte;
    struct sockaddr_storage ss;
    socklen_t len = sizeof ss;
    if (recvfrom(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT | MSG_TRUNC, (struct sockaddr *) &ss, &len) < 0) {
        return NULL;
    }
    char host[INET6_ADDRSTRLEN];
    char text[INET6_ADDRSTRLEN + 8];
    int port;
    if (ss.ss_family == AF_INET) {
        struct sockaddr_in *in = (struct sockaddr_in *) &ss;
        inet_ntop(AF_INET, &in->sin_addr, host, sizeof host);
        port = ntohs(in->sin_port);
    } else {
        return NULL;
    }
    snprintf(text, sizeof text, "%s:%d", host, port);
    return (*env)->NewStringUTF(env, text);
}

/* Drops every queued datagram; how many there were. */
JNIEXPORT jint JNICALL FN(nDrain)(JNIEnv *env, jclass cls, jint fd)
{
    (void) env;
    (void) cls;
    char buf[1500];
    int n = 0;
    while (recv(fd, buf, sizeof buf, MSG_DONTWAIT) >= 0) {
        n++;
    }
    return n;
}

JNIEXPORT jint JNICALL FN(nClose)(JNIEnv *env, jclass cls, jint fd)
{
    (void) env;
    (void) cls;
    return close(fd) < 0 ? -errno : 0;
}

JNIEXPORT jstring JNICALL FN(nErrorText)(JNIEnv *env, jclass cls, jint err)
{
    (void) cls;
    return (*env)->NewStringUTF(env, strerror(err));
}
