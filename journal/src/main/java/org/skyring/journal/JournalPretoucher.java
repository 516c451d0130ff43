package org.skyring.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Faults fresh journal pages into the page cache on its own daemon thread, ahead of the writers.
 *
 * <p>Why: Chronicle grows a queue file in sparse chunks and the appender writes through a shared mapping, so the
 * first write to each page takes a fault in which the kernel allocates the page-cache page and zero-fills it.
 * {@code perf record} on the single consumer thread of the harness (Linux 6.18, ext4) put 30 % of that thread in
 * that zeroing ({@code filemap_fault -> ext4_mpage_readpages -> memset}). Reading the new region with
 * {@code pread} on another thread goes through the same read path and leaves the zeroed pages in the page cache;
 * the writer then only maps them. Reading never changes a byte of the file. (Chronicle's own pretoucher is an
 * Enterprise feature.)
 *
 * <p>Only regions that appear after the pretoucher starts are read (a file's size when first seen is taken as
 * already touched), so opening a large existing journal costs nothing. Allocation: a directory listing per
 * queue every 10 s, to notice the roll to a new cycle file; reads go into one direct buffer.
 */
final class JournalPretoucher implements AutoCloseable {
    private static final long IDLE_NANOS = 1_000_000;
    /**
     * Listing a directory allocates (~3 KB for the seven queues' directories): every 10 s keeps that under
     * 0.2 B/obs at 10 k obs/s; the cost is that a new cycle file's first 10 s are not pretouched.
     */
    private static final long LIST_EVERY_NANOS = 10_000_000_000L;
    private static final int READ_BYTES = 64 * 1024;

    private final List<Path> queueDirs;
    private final Watched[] watched;
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(READ_BYTES);
    private final Thread thread;
    private volatile boolean running = true;
    private long nextList;
    /** Written by the pretouching thread only; volatile so a test may watch it. */
    private volatile long bytesRead;

    /** The newest cycle file of one queue and how much of it has been read. */
    private static final class Watched {
        Path file;
        FileChannel channel;
        long touched;
        /** Set by a writing thread through {@link #acquired}: a cycle file Chronicle just acquired, or null. */
        volatile java.io.File announced;
        volatile int announcedCycle = Integer.MIN_VALUE;
        int followedCycle = Integer.MIN_VALUE;
    }

    JournalPretoucher(final List<Path> queueDirs) {
        this(queueDirs, true);
    }

    /** @param background false: no thread, the caller calls {@link #step(boolean)} (tests) */
    JournalPretoucher(final List<Path> queueDirs, final boolean background) {
        this.queueDirs = queueDirs;
        this.watched = new Watched[queueDirs.size()];
        for (int i = 0; i < watched.length; i++) {
            watched[i] = new Watched();
            follow(watched[i], newestCycleFile(queueDirs.get(i)), true);
        }
        nextList = System.nanoTime();
        if (background) {
            thread = new Thread(this::run, "skyring-journal-pretouch");
            thread.setDaemon(true);
            thread.start();
        } else {
            thread = null;
        }
    }

    private void run() {
        while (running) {
            if (!step()) {
                LockSupport.parkNanos(IDLE_NANOS);
            }
        }
        for (final Watched w : watched) {
            closeQuietly(w);
        }
    }

    /** One round: looks for rolled files when due, then reads one block per queue. False = nothing to read. */
    private boolean step() {
        final long now = System.nanoTime();
        final boolean list = now - nextList >= 0;
        if (list) {
            nextList = now + LIST_EVERY_NANOS;
        }
        return step(list);
    }

    /**
     * Chronicle acquired a cycle file of queue {@code queue} (in {@link JournalSet}'s order): called on the thread
     * that acquired it (an appender at the first write of a cycle, or a tailer), so it only records it. The next
     * step follows it if it is newer than the file followed: a fresh queue or an hourly roll is pretouched from
     * its first chunk, not from the next directory listing (10 s later).
     */
    void acquired(final int queue, final int cycle, final java.io.File file) {
        if (queue < 0 || queue >= watched.length) {
            return;
        }
        final Watched w = watched[queue];
        if (cycle > w.announcedCycle) {
            w.announced = file;
            w.announcedCycle = cycle;
        }
    }

    /** @param list look for a newer cycle file of each queue first */
    boolean step(final boolean list) {
        for (final Watched w : watched) {
            final int cycle = w.announcedCycle;
            if (cycle > w.followedCycle) {
                w.followedCycle = cycle;
                final java.io.File file = w.announced;
                // Only a newer file than the one followed: a tailer re-reading an old cycle (recovery, replay)
                // announces old files too. Cycle file names sort in time order.
                if (file != null && (w.file == null
                        || file.getName().compareTo(w.file.getFileName().toString()) > 0)) {
                    follow(w, file.toPath(), false);
                }
            }
        }
        if (list) {
            for (int i = 0; i < watched.length; i++) {
                follow(watched[i], newestCycleFile(queueDirs.get(i)), false);
            }
        }
        boolean work = false;
        for (final Watched w : watched) {
            work |= touchAhead(w);
        }
        return work;
    }

    /** Bytes read so far (single-threaded: read it on the stepping thread or after close). */
    long bytesRead() {
        return bytesRead;
    }

    /** Reads at most one block of the region the writer's chunks have added since the last read. */
    private boolean touchAhead(final Watched w) {
        if (w.channel == null) {
            return false;
        }
        try {
            final long size = w.channel.size();
            if (w.touched >= size) {
                return false;
            }
            scratch.clear();
            final int n = w.channel.read(scratch, w.touched);
            if (n <= 0) {
                return false;
            }
            w.touched += n;
            bytesRead += n;
            return true;
        } catch (IOException e) {
            closeQuietly(w); // deleted or rolled away: the next listing finds the current file
            return false;
        }
    }

    /** @param existing the file was there before the pretoucher started: only its growth from now on is read */
    private static void follow(final Watched w, final Path newest, final boolean existing) {
        if (newest == null || newest.equals(w.file)) {
            return;
        }
        closeQuietly(w);
        try {
            w.channel = FileChannel.open(newest, StandardOpenOption.READ);
            w.touched = existing ? w.channel.size() : 0;
            w.file = newest;
        } catch (IOException e) {
            w.channel = null;
        }
    }

    private static Path newestCycleFile(final Path dir) {
        Path newest = null;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, f -> f.toString().endsWith(".cq4"))) {
            for (final Path f : files) {
                // Cycle file names sort in time order (yyyyMMdd-HH... for every roll cycle Skyring allows).
                if (newest == null || f.getFileName().toString().compareTo(newest.getFileName().toString()) > 0) {
                    newest = f;
                }
            }
        } catch (IOException e) {
            return null;
        }
        return newest;
    }

    private static void closeQuietly(final Watched w) {
        if (w.channel != null) {
            try {
                w.channel.close();
            } catch (IOException ignored) {
                // read-only channel: nothing to lose
            }
            w.channel = null;
        }
    }

    @Override
    public void close() {
        running = false;
        if (thread == null) {
            for (final Watched w : watched) {
                closeQuietly(w);
            }
            return;
        }
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
