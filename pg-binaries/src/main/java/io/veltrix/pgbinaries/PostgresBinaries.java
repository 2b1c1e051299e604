package io.veltrix.pgbinaries;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * zonky's embedded PostgreSQL with its binaries unpacked by us into a folder we own.
 *
 * <p>zonky reads its whole 14 MB archive into a byte array, copies it, and unpacks it in place:
 * a launcher with a 64 MB heap ran out of memory half-way, and the half-unpacked folder then broke
 * every later start (zonky re-unpacks into it and fails on the first symbolic link that is already
 * there). Here the archive is streamed (about 10 MB of heap), unpacked into a {@code .partial}
 * sibling and renamed into place only when complete, under a file lock, so a start interrupted at
 * any point (out of memory, Ctrl-C, kill -9, full disk) leaves nothing a later start trips over.
 *
 * <p>zonky is then handed the same archive and finds the folder it would have made itself
 * ({@code PG-<md5 of the archive>} holding a {@code .exists} marker newer than everything else in
 * it), so it unpacks nothing. That layout is zonky 2.2's; {@code PostgresBinariesTest} starts a
 * real PostgreSQL through it, so a zonky upgrade that changes it fails there.
 */
public final class PostgresBinaries {

    /** The archive's own name for its contents' folder, as zonky computes it. */
    private static final String FOLDER_PREFIX = "PG-";
    private static final String PARTIAL_SUFFIX = ".partial";
    private static final String COMPLETE_MARKER = ".exists";
    private static final String LOCK_FILE = ".unpack.lock";
    /** zonky's own tolerance between the folder's and the marker's modification times. */
    private static final long FOLDER_MTIME_TOLERANCE_MILLIS = 100;

    private PostgresBinaries() {
    }

    /**
     * A zonky builder whose binaries live in {@code folder}, unpacked there on first use.
     * {@link EmbeddedPostgres.Builder#start()} throws {@link BinariesUnavailable} when they cannot be.
     */
    public static EmbeddedPostgres.Builder builder(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        return EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(absolute.toFile())
                .setPgBinaryResolver(new UnpackingResolver(absolute));
    }

    /** Where an archive is read from; opened once for its digest and once to unpack it. */
    @FunctionalInterface
    interface Archive {
        InputStream open() throws IOException;
    }

    /**
     * Makes sure {@code folder} holds the unpacked {@code archive} and returns where. Safe against
     * other processes doing the same at once (they wait on the lock, then find it done).
     */
    static Path unpack(Path folder, Archive archive) {
        try {
            Files.createDirectories(folder);
            try (FileChannel lockFile = FileChannel.open(folder.resolve(LOCK_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                Path target = folder.resolve(FOLDER_PREFIX + digest(archive));
                if (isComplete(target)) {
                    return target;
                }
                removeLeftovers(folder);
                Path partial = folder.resolve(target.getFileName() + PARTIAL_SUFFIX);
                try {
                    extract(archive, partial);
                    Files.createFile(partial.resolve(COMPLETE_MARKER));
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                    // the marker must be the newest entry for zonky to trust the folder
                    Files.setLastModifiedTime(target.resolve(COMPLETE_MARKER), FileTime.fromMillis(System.currentTimeMillis()));
                } catch (IOException | RuntimeException e) {
                    deleteQuietly(partial);
                    throw e;
                }
                if (!isComplete(target)) {
                    throw new BinariesUnavailable("PostgreSQL unpacked into " + target
                            + " but the folder's modification times look wrong; delete it and start again");
                }
                return target;
            }
        } catch (IOException e) {
            throw new BinariesUnavailable(describe(folder, e), e);
        }
    }

    /** The check zonky makes before it trusts a folder: the marker exists and nothing in it is newer. */
    static boolean isComplete(Path target) throws IOException {
        Path marker = target.resolve(COMPLETE_MARKER);
        if (!Files.isDirectory(target) || !Files.exists(marker)) {
            return false;
        }
        long markerTime = Files.getLastModifiedTime(marker).toMillis();
        if (Files.getLastModifiedTime(target).toMillis() - FOLDER_MTIME_TOLERANCE_MILLIS > markerTime) {
            return false;
        }
        try (Stream<Path> entries = Files.list(target)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                if (!entry.equals(marker) && Files.getLastModifiedTime(entry).toMillis() > markerTime) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String digest(Archive archive) throws IOException {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
        try (InputStream in = new DigestInputStream(archive.open(), md5)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    /** A folder of ours that is not complete is what an interrupted start left: it goes. */
    private static void removeLeftovers(Path folder) throws IOException {
        List<Path> leftovers;
        try (Stream<Path> entries = Files.list(folder)) {
            leftovers = entries.filter(p -> p.getFileName().toString().startsWith(FOLDER_PREFIX)).toList();
        }
        for (Path leftover : leftovers) {
            if (leftover.getFileName().toString().endsWith(PARTIAL_SUFFIX) || !isComplete(leftover)) {
                deleteRecursively(leftover);
            }
        }
    }

    private static void extract(Archive archive, Path into) throws IOException {
        Files.createDirectories(into);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZInputStream(new BufferedInputStream(archive.open(), 64 * 1024)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = into.resolve(entry.getName()).normalize();
                if (!path.startsWith(into)) {
                    throw new IOException("archive entry " + entry.getName() + " points outside " + into);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    continue;
                }
                Files.createDirectories(path.getParent());
                if (entry.isSymbolicLink()) {
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    Files.createLink(path, into.resolve(entry.getLinkName()).normalize());
                } else if (entry.isFile()) {
                    Files.copy(tar, path);
                    setMode(path, entry.getMode());
                } else {
                    throw new IOException("unsupported archive entry " + entry.getName());
                }
            }
        }
    }

    private static void setMode(Path path, int mode) throws IOException {
        if (!Files.getFileStore(path).supportsFileAttributeView("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE, high bit first
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << (bits.length - 1 - i))) != 0) {
                permissions.add(bits[i]);
            }
        }
        permissions.add(PosixFilePermission.OWNER_READ);
        Files.setPosixFilePermissions(path, permissions);
    }

    /** One line a person can act on, instead of a stack trace. */
    private static String describe(Path folder, IOException e) {
        String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
        String lower = reason == null ? "" : reason.toLowerCase();
        if (lower.contains("no space left")) {
            return "cannot unpack PostgreSQL into " + folder + ": the disk is full (it needs about 60 MB free)";
        }
        if (e instanceof AccessDeniedException || lower.contains("read-only") || lower.contains("permission denied")) {
            return "cannot unpack PostgreSQL into " + folder + ": the folder is not writable";
        }
        if (e instanceof NoSuchFileException || lower.contains("not a directory") || e instanceof FileAlreadyExistsException) {
            return "cannot unpack PostgreSQL into " + folder + ": that path is not a folder that can be created ("
                    + e.getMessage() + ")";
        }
        return "cannot unpack PostgreSQL into " + folder + ": " + e;
    }

    private static void deleteQuietly(Path path) {
        try {
            deleteRecursively(path);
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: the next start removes it under the lock anyway
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Unpacks the archive zonky asks for before handing it over; an {@link UncheckedIOException}
     * or {@link BinariesUnavailable} passes through zonky unwrapped, an {@link IOException} would
     * come out as an {@code ExceptionInInitializerError}.
     */
    private record UnpackingResolver(Path folder) implements PgBinaryResolver {
        @Override
        public InputStream getPgBinary(String system, String machineHardware) {
            Archive bundled = () -> {
                InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware);
                if (in == null) {
                    throw new IOException("no PostgreSQL archive for " + system + " " + machineHardware + " on the class path");
                }
                return in;
            };
            unpack(folder, bundled);
            try {
                return bundled.open();
            } catch (IOException e) {
                throw new BinariesUnavailable(describe(folder, e), e);
            }
        }
    }
}
