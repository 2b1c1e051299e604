package io.veltrix.bench;

import java.lang.management.ManagementFactory;

/**
 * The generator's own CPU: the process's CPU time, every thread (the clients' I/O threads, the
 * sender, GC and JIT) counted, and what a window of it comes to per answered request.
 */
final class GeneratorCpu {

    private GeneratorCpu() {
    }

    /** CPU time of this process so far, in nanoseconds; negative when the JVM cannot tell. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** CPU milliseconds per request over a window; null when either reading is missing or nothing was answered. */
    static Double millisPerRequest(long cpuNanosBefore, long cpuNanosAfter, long requests) {
        if (cpuNanosBefore < 0 || cpuNanosAfter < 0 || requests <= 0) {
            return null;
        }
        if (cpuNanosAfter < cpuNanosBefore) {
            throw new IllegalArgumentException("CPU time went back: " + cpuNanosBefore + " then " + cpuNanosAfter);
        }
        return round((cpuNanosAfter - cpuNanosBefore) / 1e6 / requests, 4);
    }

    /** The cores the process kept busy on average over a window ({@code cpuNanos} spent in {@code wallNanos}). */
    static Double cores(long cpuNanos, long wallNanos) {
        if (cpuNanos < 0 || wallNanos <= 0) {
            return null;
        }
        return round((double) cpuNanos / wallNanos, 3);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
