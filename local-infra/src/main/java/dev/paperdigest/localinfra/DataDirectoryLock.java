package dev.paperdigest.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One local stack per data directory: an OS file lock on {@code <dataDir>/.lock}, released when the holder stops or
 * dies (so a killed run leaves nothing to clean up). The file names the holder's process, for the message a second
 * start prints.
 */
public final class DataDirectoryLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock of {@code dataDir} (created if need be), or empty when another process holds it. */
    public static Optional<DataDirectoryLock> tryAcquire(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            FileChannel channel = FileChannel.open(dataDir.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this JVM already
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid())
                    .getBytes(StandardCharsets.US_ASCII)));
            channel.force(false);
            return Optional.of(new DataDirectoryLock(channel, lock));
        } catch (IOException e) {
            throw new UncheckedIOException("could not lock " + dataDir, e);
        }
    }

    /** The process id written by the holder, if readable. */
    public static Optional<String> holder(Path dataDir) {
        try {
            String pid = Files.readString(dataDir.resolve(".lock"), StandardCharsets.US_ASCII).strip();
            return pid.isEmpty() ? Optional.empty() : Optional.of(pid);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
