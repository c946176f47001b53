package org.openstreamer.connector.ingest.rtmp;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Starts the thread of one connection: a virtual thread where the JVM has them (Java 21 on),
 * otherwise a daemon platform thread with a small stack. The code is built for Java 17, so the
 * virtual-thread builder is looked up once at class load rather than called directly.
 */
final class ConnectionThreads {

    /** Enough for the connection's call depth; platform threads reserve this much address space each. */
    private static final long PLATFORM_STACK = 512 * 1024;
    /** {@code Thread.ofVirtual().name(String).start(Runnable)}, or null before Java 21. */
    private static final MethodHandle VIRTUAL = virtualStarter();

    private ConnectionThreads() {
    }

    static boolean virtual() {
        return VIRTUAL != null;
    }

    static Thread start(String name, Runnable task) {
        if (VIRTUAL != null) {
            try {
                return (Thread) VIRTUAL.invoke(name, task);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot start virtual thread " + name, e);
            }
        }
        Thread t = new Thread(null, task, name, PLATFORM_STACK);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static MethodHandle virtualStarter() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder$OfVirtual");
            MethodHandle ofVirtual = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(builder));
            MethodHandle name = lookup.findVirtual(builder, "name", MethodType.methodType(builder, String.class));
            MethodHandle start = lookup.findVirtual(Class.forName("java.lang.Thread$Builder"), "start",
                    MethodType.methodType(Thread.class, Runnable.class));
            // (String) -> ofVirtual().name(String), then (String, Runnable) -> that.start(Runnable)
            MethodHandle builderFor = MethodHandles.collectArguments(name, 0, ofVirtual);
            MethodHandle startCast = start.asType(MethodType.methodType(Thread.class, builder, Runnable.class));
            return MethodHandles.collectArguments(startCast, 0, builderFor);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }
}
