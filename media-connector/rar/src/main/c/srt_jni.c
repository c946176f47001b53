/*
 * JNI glue between org.openstreamer.connector.ingest.srt.jni.SrtNative and libsrt 1.5 (C API).
 *
 * Rules this file keeps:
 * - One JavaVM, cached in JNI_OnLoad with a weak global reference to SrtNative and the ids of its
 *   two static up-calls (onListen, onLog). Nothing else is cached across calls. The reference is
 *   weak so that it does not pin the deployment's class loader: a strong one kept every undeployed
 *   copy of the adapter in memory and kept JNI_OnUnload from ever running. An up-call turns it into
 *   a local reference first and rejects (or drops the log line) once the class is gone.
 * - srt_startup and srt_cleanup are balanced per copy of this library (one per class loader):
 *   nShutdown, called when the resource adapter stops, undoes nStartup. libsrt counts startups
 *   and its exit-time destructor undoes only one: with two unbalanced startups (a redeployed
 *   adapter) the destructor frees libsrt's sockets and multiplexers while its garbage-collector
 *   thread still runs, a double free at process exit (docs/reliability.md has the reproducer).
 * - libsrt's own threads (receive queue, garbage collector) reach Java only through listen_hook
 *   and log_handler: a thread that is not attached yet attaches (as a daemon) for the one up-call
 *   and detaches right after, so an ending libsrt thread never has to talk to the JVM (the JVM
 *   blocks detaching threads for good once it is exiting, while libsrt's exit-time cleanup joins
 *   its threads: a thread-exit detach hangs the process). Up-calls are rare (one per handshake,
 *   one per warning). Every up-call runs inside a local frame, so no local reference outlives it.
 * - From process exit on (an atexit handler registered after srt_startup, so it runs before
 *   libsrt's own exit-time cleanup) and from unload on, no up-call reaches the JVM.
 * - The send/receive path allocates nothing: byte[] data goes through a stack buffer of one live
 *   message, direct buffers are used in place.
 * - Errors are libsrt's: a failed call returns -1 and leaves its code in libsrt's thread-local
 *   last error; would-block returns WOULD_BLOCK.
 */
#define _GNU_SOURCE
#include <jni.h>
#include <srt/srt.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "org_openstreamer_connector_ingest_srt_jni_SrtNative.h"

#define FN(name) Java_org_openstreamer_connector_ingest_srt_jni_SrtNative_##name
#define JC(name) org_openstreamer_connector_ingest_srt_jni_SrtNative_##name

#define NATIVE_CLASS "org/openstreamer/connector/ingest/srt/jni/SrtNative"
#define MAX_HOOKED 4096

static JavaVM *g_vm;
static jweak g_native_class;           /* weak global reference */
static jmethodID g_on_listen;          /* static int onListen(int, int, int, String, int, byte[]) */
static jmethodID g_on_log;             /* static void onLog(int, String, byte[]) */
static int g_stopping;                 /* set at unload and process exit: no more up-calls */
static int g_started;                  /* srt_startup() succeeded and nShutdown has not run yet */
static int g_atexit_set;
static int g_log_handler_set;

/* Listeners whose hook points into this library: closed at unload, before the code goes away. */
static pthread_mutex_t g_hooked_lock = PTHREAD_MUTEX_INITIALIZER;
static SRTSOCKET g_hooked[MAX_HOOKED];
static int g_hooked_count;

static int stopping(void)
{
    return __atomic_load_n(&g_stopping, __ATOMIC_ACQUIRE);
}

/* ---- threads --------------------------------------------------------------------------------- */

/*
 * The JNIEnv of the calling thread. A thread the JVM does not know (libsrt's) is attached as a
 * daemon named after its native name; *attached then tells the caller to detach it afterwards.
 */
static JNIEnv *enter_jvm(int *attached)
{
    JNIEnv *env = NULL;
    *attached = 0;
    jint rc = (*g_vm)->GetEnv(g_vm, (void **) &env, JNI_VERSION_1_8);
    if (rc == JNI_OK) {
        return env;
    }
    if (rc != JNI_EDETACHED) {
        return NULL;
    }
    char native_name[16] = "";
    char java_name[32];
    pthread_getname_np(pthread_self(), native_name, sizeof native_name);
    snprintf(java_name, sizeof java_name, "libsrt %s", native_name);
    JavaVMAttachArgs args = { JNI_VERSION_1_8, java_name, NULL };
    if ((*g_vm)->AttachCurrentThreadAsDaemon(g_vm, (void **) &env, &args) != JNI_OK) {
        return NULL;
    }
    *attached = 1;
    return env;
}

static void leave_jvm(int attached)
{
    if (attached) {
        (*g_vm)->DetachCurrentThread(g_vm);
    }
}

/* ---- addresses ------------------------------------------------------------------------------- */

static void format_address(const struct sockaddr *sa, char *host, size_t cap, jint *port)
{
    *port = 0;
    if (sa != NULL && sa->sa_family == AF_INET) {
        const struct sockaddr_in *in4 = (const struct sockaddr_in *) sa;
        inet_ntop(AF_INET, &in4->sin_addr, host, cap);
        *port = ntohs(in4->sin_port);
    } else if (sa != NULL && sa->sa_family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *) sa;
        inet_ntop(AF_INET6, &in6->sin6_addr, host, cap);
        *port = ntohs(in6->sin6_port);
    } else {
        snprintf(host, cap, "?");
    }
}

/* Java passes 4 or 16 address bytes; anything else is refused before it gets here. */
static int to_sockaddr(JNIEnv *env, jbyteArray address, jint port, struct sockaddr_storage *ss)
{
    memset(ss, 0, sizeof *ss);
    jsize n = (*env)->GetArrayLength(env, address);
    if (n == 4) {
        struct sockaddr_in *in4 = (struct sockaddr_in *) ss;
        in4->sin_family = AF_INET;
        in4->sin_port = htons((uint16_t) port);
        (*env)->GetByteArrayRegion(env, address, 0, 4, (jbyte *) &in4->sin_addr);
        return (int) sizeof *in4;
    }
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *) ss;
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons((uint16_t) port);
    (*env)->GetByteArrayRegion(env, address, 0, 16, (jbyte *) &in6->sin6_addr);
    return (int) sizeof *in6;
}

/* ---- up-calls from libsrt threads ------------------------------------------------------------ */

static int reject(SRTSOCKET ns, int reason)
{
    srt_setrejectreason(ns, reason);
    return -1;
}

/*
 * srt_listen_callback hook, on libsrt's receive-queue thread, once per handshake that reaches the
 * conclusion stage. Returns 0 to go on with the handshake (libsrt may still reject it: passphrase,
 * encryption policy) or -1 with the reject reason set on the new socket.
 */
static int listen_hook(void *opaque, SRTSOCKET ns, int hs_version, const struct sockaddr *peer,
                       const char *streamid)
{
    SRTSOCKET listener = (SRTSOCKET) (intptr_t) opaque;
    if (stopping()) {
        return reject(ns, JC(REJECT_UNAVAILABLE));
    }
    int attached;
    JNIEnv *env = enter_jvm(&attached);
    if (env == NULL) {
        return reject(ns, JC(REJECT_UNAVAILABLE));
    }
    if ((*env)->PushLocalFrame(env, 5) != 0) {
        (*env)->ExceptionClear(env);
        leave_jvm(attached);
        return reject(ns, JC(REJECT_UNAVAILABLE));
    }
    char host[INET6_ADDRSTRLEN];
    jint port;
    format_address(peer, host, sizeof host, &port);
    jsize sid_len = streamid == NULL ? 0 : (jsize) strnlen(streamid, JC(MAX_STREAMID_BYTES));

    jint result = JC(REJECT_UNAVAILABLE);
    jclass cls = (*env)->NewLocalRef(env, g_native_class);   /* NULL once the class is unloaded */
    jstring jhost = cls == NULL ? NULL : (*env)->NewStringUTF(env, host);
    jbyteArray jsid = jhost == NULL ? NULL : (*env)->NewByteArray(env, sid_len);
    if (jsid != NULL) {
        (*env)->SetByteArrayRegion(env, jsid, 0, sid_len, (const jbyte *) streamid);
        result = (*env)->CallStaticIntMethod(env, cls, g_on_listen, (jint) listener,
                                             (jint) ns, (jint) hs_version, jhost, port, jsid);
    }
    if ((*env)->ExceptionCheck(env)) {   /* only JNI allocation failures: onListen catches all */
        (*env)->ExceptionClear(env);
        result = JC(REJECT_INTERNAL);
    }
    (*env)->PopLocalFrame(env, NULL);
    leave_jvm(attached);
    if (result == 0) {
        return 0;
    }
    return reject(ns, result >= SRT_REJC_PREDEFINED ? result : JC(REJECT_INTERNAL));
}

/*
 * srt_setloghandler target. libsrt calls it holding its logger mutex, from whichever thread
 * logged, so the Java side only parses and queues; it never calls back into libsrt.
 */
static void log_handler(void *opaque, int level, const char *file, int line, const char *area,
                        const char *message)
{
    (void) opaque;
    (void) file;
    (void) line;
    if (stopping() || message == NULL) {
        return;
    }
    int attached;
    JNIEnv *env = enter_jvm(&attached);
    if (env == NULL) {
        return;
    }
    if ((*env)->PushLocalFrame(env, 4) != 0) {
        (*env)->ExceptionClear(env);
        leave_jvm(attached);
        return;
    }
    jsize len = (jsize) strnlen(message, 4096);
    jclass cls = (*env)->NewLocalRef(env, g_native_class);
    jstring jarea = cls == NULL ? NULL : (*env)->NewStringUTF(env, area == NULL ? "" : area);
    jbyteArray jmsg = jarea == NULL ? NULL : (*env)->NewByteArray(env, len);
    if (jmsg != NULL) {
        (*env)->SetByteArrayRegion(env, jmsg, 0, len, (const jbyte *) message);
        (*env)->CallStaticVoidMethod(env, cls, g_on_log, (jint) level, jarea, jmsg);
    }
    if ((*env)->ExceptionCheck(env)) {
        (*env)->ExceptionClear(env);
    }
    (*env)->PopLocalFrame(env, NULL);
    leave_jvm(attached);
}

/* ---- life cycle ------------------------------------------------------------------------------ */

static void on_process_exit(void)
{
    __atomic_store_n(&g_stopping, 1, __ATOMIC_RELEASE);
}

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved)
{
    (void) reserved;
    JNIEnv *env;
    if ((*vm)->GetEnv(vm, (void **) &env, JNI_VERSION_1_8) != JNI_OK) {
        return JNI_ERR;
    }
    g_vm = vm;
    jclass local = (*env)->FindClass(env, NATIVE_CLASS);
    if (local == NULL) {
        return JNI_ERR;
    }
    g_native_class = (*env)->NewWeakGlobalRef(env, local);
    g_on_listen = (*env)->GetStaticMethodID(env, local, "onListen", "(IIILjava/lang/String;I[B)I");
    g_on_log = (*env)->GetStaticMethodID(env, local, "onLog", "(ILjava/lang/String;[B)V");
    (*env)->DeleteLocalRef(env, local);
    if (g_native_class == NULL || g_on_listen == NULL || g_on_log == NULL) {
        return JNI_ERR;
    }
    return JNI_VERSION_1_8;
}

/*
 * Stops this copy's use of libsrt: no more up-calls, the listeners whose hook points here closed,
 * the log handler given up if this copy set it, and its srt_startup undone.
 */
static void shut_down(void)
{
    __atomic_store_n(&g_stopping, 1, __ATOMIC_RELEASE);
    if (g_log_handler_set) {
        srt_setloghandler(NULL, NULL);
        srt_setlogflags(0);
        g_log_handler_set = 0;
    }
    pthread_mutex_lock(&g_hooked_lock);
    for (int i = 0; i < g_hooked_count; i++) {
        srt_close(g_hooked[i]);
    }
    g_hooked_count = 0;
    pthread_mutex_unlock(&g_hooked_lock);
    if (g_started) {
        g_started = 0;
        srt_cleanup();
    }
}

JNIEXPORT void JNICALL JNI_OnUnload(JavaVM *vm, void *reserved)
{
    (void) reserved;
    shut_down();
    JNIEnv *env;
    if ((*vm)->GetEnv(vm, (void **) &env, JNI_VERSION_1_8) == JNI_OK && g_native_class != NULL) {
        (*env)->DeleteWeakGlobalRef(env, g_native_class);
    }
    g_native_class = NULL;
}

/* SrtNative.shutdown(): callers have stopped using their sockets; SrtNative.load() may follow. */
JNIEXPORT void JNICALL FN(nShutdown)(JNIEnv *env, jclass cls)
{
    (void) env;
    (void) cls;
    shut_down();
}

JNIEXPORT jint JNICALL FN(nStartup)(JNIEnv *env, jclass cls)
{
    (void) env;
    (void) cls;
    if (g_started) {
        return 0;   /* one startup per copy, so that one nShutdown balances it */
    }
    int rc = srt_startup();
    if (rc >= 0) {
        g_started = 1;
        __atomic_store_n(&g_stopping, 0, __ATOMIC_RELEASE);
    }
    if (rc >= 0 && !g_atexit_set) {
        g_atexit_set = 1;
        /*
         * srt_startup() creates libsrt's global state, whose destructor (registered now) cleans
         * up at exit and may log. Handlers run in reverse order, so this one, registered after
         * it, runs first and silences the up-calls. In a shared object atexit() is tied to the
         * object: it also runs if the library is unloaded.
         */
        atexit(on_process_exit);
    }
    return rc;
}

JNIEXPORT jint JNICALL FN(nVersion)(JNIEnv *env, jclass cls)
{
    (void) env;
    (void) cls;
    return (jint) srt_getversion();
}

JNIEXPORT void JNICALL FN(nSetLogHandler)(JNIEnv *env, jclass cls, jboolean enable, jint level)
{
    (void) env;
    (void) cls;
    if (enable) {
        srt_setloglevel(level);
        srt_setlogflags(SRT_LOGF_DISABLE_TIME | SRT_LOGF_DISABLE_THREADNAME
                        | SRT_LOGF_DISABLE_SEVERITY | SRT_LOGF_DISABLE_EOL);
        srt_setloghandler(NULL, log_handler);
        g_log_handler_set = 1;
    } else {
        srt_setloghandler(NULL, NULL);
        srt_setlogflags(0);
        g_log_handler_set = 0;
    }
}

/* ---- errors ---------------------------------------------------------------------------------- */

static jint failure(void)
{
    int code = srt_getlasterror(NULL);
    return code == SRT_EASYNCRCV || code == SRT_EASYNCSND ? JC(WOULD_BLOCK) : SRT_ERROR;
}

JNIEXPORT jint JNICALL FN(nLastError)(JNIEnv *env, jclass cls)
{
    (void) env;
    (void) cls;
    return srt_getlasterror(NULL);
}

JNIEXPORT jstring JNICALL FN(nLastErrorString)(JNIEnv *env, jclass cls)
{
    (void) cls;
    const char *s = srt_getlasterror_str();
    return (*env)->NewStringUTF(env, s == NULL ? "" : s);
}

JNIEXPORT jstring JNICALL FN(nErrorString)(JNIEnv *env, jclass cls, jint code)
{
    (void) cls;
    const char *s = srt_strerror(code, 0);
    return (*env)->NewStringUTF(env, s == NULL ? "" : s);
}

JNIEXPORT void JNICALL FN(nClearLastError)(JNIEnv *env, jclass cls)
{
    (void) env;
    (void) cls;
    srt_clearlasterror();
}

JNIEXPORT jint JNICALL FN(nGetRejectReason)(JNIEnv *env, jclass cls, jint sock)
{
    (void) env;
    (void) cls;
    return srt_getrejectreason(sock);
}

JNIEXPORT jint JNICALL FN(nSetRejectReason)(JNIEnv *env, jclass cls, jint sock, jint reason)
{
    (void) env;
    (void) cls;
    return srt_setrejectreason(sock, reason);
}

JNIEXPORT jstring JNICALL FN(nRejectReasonString)(JNIEnv *env, jclass cls, jint reason)
{
    (void) cls;
    const char *s = srt_rejectreason_str(reason);
    return (*env)->NewStringUTF(env, s == NULL ? "" : s);
}

/* ---- sockets --------------------------------------------------------------------------------- */

JNIEXPORT jint JNICALL FN(nCreateSocket)(JNIEnv *env, jclass cls)
{
    (void) env;
    (void) cls;
    return srt_create_socket();
}

JNIEXPORT jint JNICALL FN(nBind)(JNIEnv *env, jclass cls, jint sock, jbyteArray address, jint port)
{
    (void) cls;
    struct sockaddr_storage ss;
    int len = to_sockaddr(env, address, port, &ss);
    return srt_bind(sock, (struct sockaddr *) &ss, len);
}

/* Hands an already bound UDP socket to libsrt, which owns (and closes) it from then on. */
JNIEXPORT jint JNICALL FN(nBindAcquire)(JNIEnv *env, jclass cls, jint sock, jint udp_fd)
{
    (void) env;
    (void) cls;
    return srt_bind_acquire(sock, udp_fd);
}

JNIEXPORT jint JNICALL FN(nListen)(JNIEnv *env, jclass cls, jint sock, jint backlog)
{
    (void) env;
    (void) cls;
    return srt_listen(sock, backlog);
}

JNIEXPORT jint JNICALL FN(nConnect)(JNIEnv *env, jclass cls, jint sock, jbyteArray address, jint port)
{
    (void) cls;
    struct sockaddr_storage ss;
    int len = to_sockaddr(env, address, port, &ss);
    int rc = srt_connect(sock, (struct sockaddr *) &ss, len);
    return rc == SRT_ERROR ? failure() : rc;
}

JNIEXPORT jint JNICALL FN(nAccept)(JNIEnv *env, jclass cls, jint listener, jobjectArray host_out,
                                   jintArray port_out)
{
    (void) cls;
    struct sockaddr_storage ss;
    int len = sizeof ss;
    SRTSOCKET s = srt_accept(listener, (struct sockaddr *) &ss, &len);
    if (s == SRT_INVALID_SOCK) {
        return failure();
    }
    char host[INET6_ADDRSTRLEN];
    jint port;
    format_address((struct sockaddr *) &ss, host, sizeof host, &port);
    jstring jhost = (*env)->NewStringUTF(env, host);
    if (jhost == NULL) {
        srt_close(s);
        return SRT_ERROR;   /* OutOfMemoryError pending */
    }
    (*env)->SetObjectArrayElement(env, host_out, 0, jhost);
    (*env)->DeleteLocalRef(env, jhost);
    (*env)->SetIntArrayRegion(env, port_out, 0, 1, &port);
    return s;
}

JNIEXPORT jint JNICALL FN(nSetListenCallback)(JNIEnv *env, jclass cls, jint listener)
{
    (void) env;
    (void) cls;
    int rc = srt_listen_callback(listener, listen_hook, (void *) (intptr_t) listener);
    if (rc == 0) {
        pthread_mutex_lock(&g_hooked_lock);
        int known = 0;
        for (int i = 0; i < g_hooked_count; i++) {
            known |= g_hooked[i] == listener;
        }
        if (!known && g_hooked_count < MAX_HOOKED) {
            g_hooked[g_hooked_count++] = listener;
        }
        pthread_mutex_unlock(&g_hooked_lock);
    }
    return rc;
}

JNIEXPORT jint JNICALL FN(nClose)(JNIEnv *env, jclass cls, jint sock)
{
    (void) env;
    (void) cls;
    pthread_mutex_lock(&g_hooked_lock);
    for (int i = 0; i < g_hooked_count; i++) {
        if (g_hooked[i] == sock) {
            g_hooked[i] = g_hooked[--g_hooked_count];
            break;
        }
    }
    pthread_mutex_unlock(&g_hooked_lock);
    return srt_close(sock);
}

JNIEXPORT jint JNICALL FN(nGetSockState)(JNIEnv *env, jclass cls, jint sock)
{
    (void) env;
    (void) cls;
    return (jint) srt_getsockstate(sock);
}

/* The local port of a bound socket, or -1. */
JNIEXPORT jint JNICALL FN(nLocalPort)(JNIEnv *env, jclass cls, jint sock)
{
    (void) env;
    (void) cls;
    struct sockaddr_storage ss;
    int len = sizeof ss;
    if (srt_getsockname(sock, (struct sockaddr *) &ss, &len) == SRT_ERROR) {
        return SRT_ERROR;
    }
    char host[INET6_ADDRSTRLEN];
    jint port;
    format_address((struct sockaddr *) &ss, host, sizeof host, &port);
    return port;
}

/* ---- options --------------------------------------------------------------------------------- */

JNIEXPORT jint JNICALL FN(nSetInt)(JNIEnv *env, jclass cls, jint sock, jint opt, jint value)
{
    (void) env;
    (void) cls;
    int32_t v = value;
    return srt_setsockflag(sock, (SRT_SOCKOPT) opt, &v, sizeof v);
}

JNIEXPORT jint JNICALL FN(nSetLong)(JNIEnv *env, jclass cls, jint sock, jint opt, jlong value)
{
    (void) env;
    (void) cls;
    int64_t v = value;
    return srt_setsockflag(sock, (SRT_SOCKOPT) opt, &v, sizeof v);
}

JNIEXPORT jint JNICALL FN(nSetLinger)(JNIEnv *env, jclass cls, jint sock, jint seconds)
{
    (void) env;
    (void) cls;
    struct linger v = { seconds > 0, seconds > 0 ? seconds : 0 };
    return srt_setsockflag(sock, SRTO_LINGER, &v, sizeof v);
}

JNIEXPORT jint JNICALL FN(nSetBytes)(JNIEnv *env, jclass cls, jint sock, jint opt, jbyteArray value)
{
    (void) cls;
    char buf[JC(MAX_OPTION_BYTES)];
    jsize len = (*env)->GetArrayLength(env, value);
    if (len > (jsize) sizeof buf) {
        len = sizeof buf;   /* SrtNative refuses longer values first */
    }
    (*env)->GetByteArrayRegion(env, value, 0, len, (jbyte *) buf);
    return srt_setsockflag(sock, (SRT_SOCKOPT) opt, buf, len);
}

/* Integer and boolean options (libsrt writes a bool, one byte, for the latter). */
JNIEXPORT jint JNICALL FN(nGetInt)(JNIEnv *env, jclass cls, jint sock, jint opt, jintArray out)
{
    (void) cls;
    union { int32_t i; unsigned char b; } v;
    memset(&v, 0, sizeof v);
    int len = sizeof v.i;
    if (srt_getsockflag(sock, (SRT_SOCKOPT) opt, &v, &len) == SRT_ERROR) {
        return SRT_ERROR;
    }
    jint value = len == 1 ? (jint) (v.b != 0) : (jint) v.i;
    (*env)->SetIntArrayRegion(env, out, 0, 1, &value);
    return 0;
}

JNIEXPORT jint JNICALL FN(nGetLong)(JNIEnv *env, jclass cls, jint sock, jint opt, jlongArray out)
{
    (void) cls;
    int64_t v = 0;
    int len = sizeof v;
    if (srt_getsockflag(sock, (SRT_SOCKOPT) opt, &v, &len) == SRT_ERROR) {
        return SRT_ERROR;
    }
    jlong value = (jlong) v;
    if (len == (int) sizeof(int32_t)) {   /* an int option read through the long getter */
        int32_t narrow;
        memcpy(&narrow, &v, sizeof narrow);
        value = narrow;
    }
    (*env)->SetLongArrayRegion(env, out, 0, 1, &value);
    return 0;
}

JNIEXPORT jint JNICALL FN(nGetLinger)(JNIEnv *env, jclass cls, jint sock, jintArray out)
{
    (void) cls;
    struct linger v = { 0, 0 };
    int len = sizeof v;
    if (srt_getsockflag(sock, SRTO_LINGER, &v, &len) == SRT_ERROR) {
        return SRT_ERROR;
    }
    jint value = v.l_onoff ? v.l_linger : 0;
    (*env)->SetIntArrayRegion(env, out, 0, 1, &value);
    return 0;
}

/* String options into out (MAX_OPTION_BYTES long); returns the length or -1. */
JNIEXPORT jint JNICALL FN(nGetBytes)(JNIEnv *env, jclass cls, jint sock, jint opt, jbyteArray out)
{
    (void) cls;
    char buf[JC(MAX_OPTION_BYTES)];
    int len = sizeof buf;
    if (srt_getsockflag(sock, (SRT_SOCKOPT) opt, buf, &len) == SRT_ERROR) {
        return SRT_ERROR;
    }
    if (len < 0) {
        len = 0;
    }
    len = (int) strnlen(buf, (size_t) len);
    (*env)->SetByteArrayRegion(env, out, 0, len, (const jbyte *) buf);
    return len;
}

/* ---- data ------------------------------------------------------------------------------------ */

JNIEXPORT jint JNICALL FN(nSend)(JNIEnv *env, jclass cls, jint sock, jbyteArray data, jint off, jint len)
{
    (void) cls;
    char buf[JC(MAX_LIVE_MESSAGE)];
    if (len < 0 || len > (jint) sizeof buf) {
        return SRT_ERROR;   /* SrtNative checks first: never reached */
    }
    (*env)->GetByteArrayRegion(env, data, off, len, (jbyte *) buf);
    if ((*env)->ExceptionCheck(env)) {
        return SRT_ERROR;   /* bad range (SrtNative checks first): never send uninitialised bytes */
    }
    int n = srt_sendmsg2(sock, buf, len, NULL);
    return n == SRT_ERROR ? failure() : n;
}

JNIEXPORT jint JNICALL FN(nRecv)(JNIEnv *env, jclass cls, jint sock, jbyteArray data, jint off, jint len)
{
    (void) cls;
    char buf[JC(MAX_LIVE_MESSAGE)];
    int cap = len < (jint) sizeof buf ? len : (int) sizeof buf;
    int n = srt_recvmsg(sock, buf, cap);
    if (n == SRT_ERROR) {
        return failure();
    }
    if (n > 0) {
        (*env)->SetByteArrayRegion(env, data, off, n, (const jbyte *) buf);
    }
    return n;
}

JNIEXPORT jint JNICALL FN(nSendDirect)(JNIEnv *env, jclass cls, jint sock, jobject buffer, jint pos, jint len)
{
    (void) cls;
    char *base = (*env)->GetDirectBufferAddress(env, buffer);
    if (base == NULL) {
        return SRT_ERROR;
    }
    int n = srt_sendmsg2(sock, base + pos, len, NULL);
    return n == SRT_ERROR ? failure() : n;
}

JNIEXPORT jint JNICALL FN(nRecvDirect)(JNIEnv *env, jclass cls, jint sock, jobject buffer, jint pos, jint len)
{
    (void) cls;
    char *base = (*env)->GetDirectBufferAddress(env, buffer);
    if (base == NULL) {
        return SRT_ERROR;
    }
    int n = srt_recvmsg(sock, base + pos, len);
    return n == SRT_ERROR ? failure() : n;
}

/* ---- epoll ----------------------------------------------------------------------------------- */

JNIEXPORT jint JNICALL FN(nEpollCreate)(JNIEnv *env, jclass cls)
{
    (void) env;
    (void) cls;
    return srt_epoll_create();
}

JNIEXPORT jint JNICALL FN(nEpollAdd)(JNIEnv *env, jclass cls, jint eid, jint sock, jint events)
{
    (void) env;
    (void) cls;
    int ev = events;
    return srt_epoll_add_usock(eid, sock, &ev);
}

JNIEXPORT jint JNICALL FN(nEpollUpdate)(JNIEnv *env, jclass cls, jint eid, jint sock, jint events)
{
    (void) env;
    (void) cls;
    int ev = events;
    return srt_epoll_update_usock(eid, sock, &ev);
}

JNIEXPORT jint JNICALL FN(nEpollRemove)(JNIEnv *env, jclass cls, jint eid, jint sock)
{
    (void) env;
    (void) cls;
    return srt_epoll_remove_usock(eid, sock);
}

JNIEXPORT jint JNICALL FN(nEpollSetFlags)(JNIEnv *env, jclass cls, jint eid, jint flags)
{
    (void) env;
    (void) cls;
    return srt_epoll_set(eid, flags);
}

JNIEXPORT jint JNICALL FN(nEpollRelease)(JNIEnv *env, jclass cls, jint eid)
{
    (void) env;
    (void) cls;
    return srt_epoll_release(eid);
}

/*
 * Waits up to timeout_ms (-1: forever) and copies the ready sockets into readable/writable (the
 * latter may be null); counts[0..1] receive how many of each were written. Returns the number of
 * ready sockets, 0 on timeout, -1 on error. A socket with an error shows in both lists.
 */
JNIEXPORT jint JNICALL FN(nEpollWait)(JNIEnv *env, jclass cls, jint eid, jintArray readable,
                                      jintArray writable, jintArray counts, jlong timeout_ms)
{
    (void) cls;
    SRTSOCKET rs[JC(MAX_EPOLL_SOCKETS)];
    SRTSOCKET ws[JC(MAX_EPOLL_SOCKETS)];
    int rn = (*env)->GetArrayLength(env, readable);
    int wn = writable == NULL ? 0 : (*env)->GetArrayLength(env, writable);
    rn = rn < JC(MAX_EPOLL_SOCKETS) ? rn : JC(MAX_EPOLL_SOCKETS);
    wn = wn < JC(MAX_EPOLL_SOCKETS) ? wn : JC(MAX_EPOLL_SOCKETS);
    int n = srt_epoll_wait(eid, rs, &rn, wn > 0 ? ws : NULL, wn > 0 ? &wn : NULL, timeout_ms,
                           NULL, NULL, NULL, NULL);
    jint got[2] = { 0, 0 };
    if (n > 0) {
        got[0] = rn;
        got[1] = wn;
        (*env)->SetIntArrayRegion(env, readable, 0, rn, (const jint *) rs);
        if (wn > 0) {
            (*env)->SetIntArrayRegion(env, writable, 0, wn, (const jint *) ws);
        }
    }
    (*env)->SetIntArrayRegion(env, counts, 0, 2, got);
    if (n == SRT_ERROR && srt_getlasterror(NULL) == SRT_ETIMEOUT) {
        return 0;
    }
    return n;
}

/* ---- statistics ------------------------------------------------------------------------------ */

JNIEXPORT jint JNICALL FN(nStats)(JNIEnv *env, jclass cls, jint sock, jboolean clear,
                                  jlongArray longs, jdoubleArray doubles)
{
    (void) cls;
    SRT_TRACEBSTATS s;
    memset(&s, 0, sizeof s);
    if (srt_bstats(sock, &s, clear ? 1 : 0) == SRT_ERROR) {
        return SRT_ERROR;
    }
    jlong l[JC(STATS_LONGS)];
    l[JC(STAT_ELAPSED_MS)] = s.msTimeStamp;
    l[JC(STAT_PKT_SENT)] = s.pktSentTotal;
    l[JC(STAT_PKT_RECV)] = s.pktRecvTotal;
    l[JC(STAT_PKT_SND_LOSS)] = s.pktSndLossTotal;
    l[JC(STAT_PKT_RCV_LOSS)] = s.pktRcvLossTotal;
    l[JC(STAT_PKT_RETRANS)] = s.pktRetransTotal;
    l[JC(STAT_PKT_SND_DROP)] = s.pktSndDropTotal;
    l[JC(STAT_PKT_RCV_DROP)] = s.pktRcvDropTotal;
    l[JC(STAT_PKT_RCV_UNDECRYPT)] = s.pktRcvUndecryptTotal;
    l[JC(STAT_BYTE_SENT)] = (jlong) s.byteSentTotal;
    l[JC(STAT_BYTE_RECV)] = (jlong) s.byteRecvTotal;
    l[JC(STAT_MS_RCV_BUF)] = s.msRcvBuf;
    l[JC(STAT_MS_SND_BUF)] = s.msSndBuf;
    jdouble d[JC(STATS_DOUBLES)];
    d[JC(STAT_MBPS_SEND)] = s.mbpsSendRate;
    d[JC(STAT_MBPS_RECV)] = s.mbpsRecvRate;
    d[JC(STAT_MS_RTT)] = s.msRTT;
    d[JC(STAT_MBPS_BANDWIDTH)] = s.mbpsBandwidth;
    (*env)->SetLongArrayRegion(env, longs, 0, JC(STATS_LONGS), l);
    (*env)->SetDoubleArrayRegion(env, doubles, 0, JC(STATS_DOUBLES), d);
    return 0;
}
