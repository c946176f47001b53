package org.openstreamer.web.metrics;

import org.openstreamer.web.metrics.PrometheusText.Type;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * JVM and process figures under the names the Prometheus Java client uses, so that existing JVM
 * dashboards work. Process CPU and file descriptors are read as JMX attributes, which needs no
 * access to the {@code com.sun.management} classes from a deployment.
 */
final class JvmMetrics {

    private static final ObjectName OS = objectName("java.lang:type=OperatingSystem");

    private JvmMetrics() {
    }

    static void write(PrometheusText text) {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
        text.family("jvm_memory_used_bytes", Type.GAUGE, "Memory in use", "area")
                .sample(heap.getUsed(), "heap").sample(nonHeap.getUsed(), "nonheap");
        text.family("jvm_memory_committed_bytes", Type.GAUGE, "Memory committed by the JVM", "area")
                .sample(heap.getCommitted(), "heap").sample(nonHeap.getCommitted(), "nonheap");
        text.family("jvm_memory_max_bytes", Type.GAUGE, "Most memory the JVM may use; absent when unlimited", "area");
        if (heap.getMax() >= 0) {
            text.sample(heap.getMax(), "heap");
        }
        if (nonHeap.getMax() >= 0) {
            text.sample(nonHeap.getMax(), "nonheap");
        }

        // Direct buffers hold media outside the heap: a leak shows here, not in the heap figures.
        List<BufferPoolMXBean> pools = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class);
        text.family("jvm_buffer_pool_used_bytes", Type.GAUGE, "Memory used by a buffer pool", "pool");
        pools.forEach(b -> text.sample(Math.max(0, b.getMemoryUsed()), b.getName()));
        text.family("jvm_buffer_pool_buffers", Type.GAUGE, "Buffers in a buffer pool", "pool");
        pools.forEach(b -> text.sample(Math.max(0, b.getCount()), b.getName()));

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        text.family("jvm_threads_current", Type.GAUGE, "Live threads").sample(threads.getThreadCount());
        text.family("jvm_threads_daemon", Type.GAUGE, "Live daemon threads").sample(threads.getDaemonThreadCount());
        text.family("jvm_threads_peak", Type.GAUGE, "Most live threads since the JVM started").sample(threads.getPeakThreadCount());

        List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
        text.family("jvm_gc_collections_total", Type.COUNTER, "Collections by collector", "gc");
        gcs.forEach(gc -> text.sample(Math.max(0, gc.getCollectionCount()), gc.getName()));
        text.family("jvm_gc_collection_seconds_total", Type.COUNTER, "Time spent collecting, by collector", "gc");
        gcs.forEach(gc -> text.sample(Math.max(0, gc.getCollectionTime()) / 1000.0, gc.getName()));

        text.family("process_start_time_seconds", Type.GAUGE, "When the process started, since the epoch")
                .sample(ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0);
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        long cpuNanos = attribute(server, "ProcessCpuTime");
        if (cpuNanos >= 0) {
            text.family("process_cpu_seconds_total", Type.COUNTER, "CPU time of the process, user and system")
                    .sample(cpuNanos / 1e9);
        }
        long open = attribute(server, "OpenFileDescriptorCount");
        if (open >= 0) {
            text.family("process_open_fds", Type.GAUGE, "Open file descriptors").sample(open);
        }
        long max = attribute(server, "MaxFileDescriptorCount");
        if (max >= 0) {
            text.family("process_max_fds", Type.GAUGE, "Most file descriptors the process may open").sample(max);
        }
    }

    /** A numeric attribute of the operating system bean, or -1 when this JVM has none. */
    private static long attribute(MBeanServer server, String name) {
        try {
            return server.getAttribute(OS, name) instanceof Number n ? n.longValue() : -1;
        } catch (JMException | RuntimeException e) {
            return -1;
        }
    }

    private static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }
}
