package io.veltrix.pgbinaries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class PostgresBinariesTest {

    @TempDir
    Path dir;

    @Test
    void unpacksFilesLinksAndModesIntoAFolderZonkyTrusts() throws Exception {
        Path target = PostgresBinaries.unpack(dir, sample()::stream);

        assertTrue(target.getFileName().toString().startsWith("PG-"));
        assertTrue(PostgresBinaries.isComplete(target));
        assertEquals("#!/bin/sh\n", Files.readString(target.resolve("bin/tool")));
        assertTrue(Files.getPosixFilePermissions(target.resolve("bin/tool")).contains(PosixFilePermission.OWNER_EXECUTE));
        assertFalse(Files.getPosixFilePermissions(target.resolve("lib/libx.so.1")).contains(PosixFilePermission.OWNER_EXECUTE));
        assertEquals(Path.of("libx.so.1"), Files.readSymbolicLink(target.resolve("lib/libx.so")));
        assertEquals(List.of(target.getFileName().toString()), folders(dir));
    }

    @Test
    void aSecondUnpackFindsTheFolderDoneAndOnlyReadsTheArchiveForItsDigest() throws Exception {
        Archive sample = sample();
        Path first = PostgresBinaries.unpack(dir, sample::stream);
        int opensAfterFirst = sample.opens.get();

        Path second = PostgresBinaries.unpack(dir, sample::stream);

        assertEquals(first, second);
        assertEquals(opensAfterFirst + 1, sample.opens.get());
    }

    @Test
    void anUnpackInterruptedMidwayLeavesNothingTheNextStartTripsOver() throws Exception {
        Archive sample = sample();
        AtomicInteger opens = new AtomicInteger();
        PostgresBinaries.Archive failingSecondRead = () -> opens.incrementAndGet() == 1
                ? sample.stream()
                : new FailingAfter(sample.stream(), sample.bytes.length / 2);

        assertThrows(BinariesUnavailable.class, () -> PostgresBinaries.unpack(dir, failingSecondRead));
        assertEquals(List.of(), folders(dir), "no half-unpacked folder is left behind");

        Path target = PostgresBinaries.unpack(dir, sample::stream);
        assertTrue(PostgresBinaries.isComplete(target));
    }

    @Test
    void aHalfUnpackedFolderFromAKilledStartIsRepaired() throws Exception {
        Archive sample = sample();
        Path done = PostgresBinaries.unpack(dir.resolve("reference"), sample::stream);
        Path folder = dir.resolve("binaries");
        // what a start killed mid-unpack leaves: some files and links, no marker, and a partial sibling
        Path half = Files.createDirectories(folder.resolve(done.getFileName()).resolve("lib"));
        Files.createSymbolicLink(half.resolve("libx.so"), Path.of("libx.so.1"));
        Files.createDirectories(folder.resolve(done.getFileName() + ".partial").resolve("bin"));

        Path target = PostgresBinaries.unpack(folder, sample::stream);

        assertTrue(PostgresBinaries.isComplete(target));
        assertEquals("#!/bin/sh\n", Files.readString(target.resolve("bin/tool")));
        assertEquals(List.of(done.getFileName().toString()), folders(folder));
    }

    @Test
    void aFolderThatCannotBeCreatedIsOneLineThatNamesIt() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        Path folder = file.resolve("binaries");

        BinariesUnavailable e = assertThrows(BinariesUnavailable.class,
                () -> PostgresBinaries.unpack(folder, sample()::stream));

        assertTrue(e.getMessage().startsWith("cannot unpack PostgreSQL into " + folder), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void anArchiveEntryOutsideTheFolderIsRefused() throws Exception {
        byte[] evil = txz(out -> file(out, "../escaped", "x", 0644));

        assertThrows(BinariesUnavailable.class, () -> PostgresBinaries.unpack(dir.resolve("b"), () -> new ByteArrayInputStream(evil)));
        assertFalse(Files.exists(dir.resolve("escaped")));
    }

    /** zonky's own archive, a real PostgreSQL: pins the folder layout zonky trusts to this zonky version. */
    @Test
    void zonkyStartsFromAFreshFolderAndFromOneAKilledStartLeftHalfUnpacked() throws Exception {
        Path fresh = dir.resolve("fresh");
        assertEquals(1, selectOne(fresh));

        String name = folders(fresh).get(0);
        Path broken = dir.resolve("broken");
        Path half = Files.createDirectories(broken.resolve(name).resolve("lib"));
        // the file zonky's own unpacking failed on: FileAlreadyExistsException .../lib/libpq.so
        Files.createSymbolicLink(half.resolve("libpq.so"), Path.of("libpq.so.5"));
        assertEquals(1, selectOne(broken));
    }

    private static int selectOne(Path folder) throws Exception {
        try (EmbeddedPostgres postgres = PostgresBinaries.builder(folder).start();
             Connection c = postgres.getPostgresDatabase().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<String> folders(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static Archive sample() throws IOException {
        return new Archive(txz(out -> {
            dir(out, "bin/");
            file(out, "bin/tool", "#!/bin/sh\n", 0755);
            dir(out, "lib/");
            file(out, "lib/libx.so.1", "library", 0644);
            TarArchiveEntry link = new TarArchiveEntry("lib/libx.so", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("libx.so.1");
            out.putArchiveEntry(link);
            out.closeArchiveEntry();
        }));
    }

    private record Archive(byte[] bytes, AtomicInteger opens) {
        Archive(byte[] bytes) {
            this(bytes, new AtomicInteger());
        }

        InputStream stream() {
            opens.incrementAndGet();
            return new ByteArrayInputStream(bytes);
        }
    }

    private interface Entries {
        void write(TarArchiveOutputStream out) throws IOException;
    }

    private static byte[] txz(Entries entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(new XZOutputStream(bytes, new LZMA2Options()))) {
            entries.write(out);
        }
        return bytes.toByteArray();
    }

    private static void dir(TarArchiveOutputStream out, String name) throws IOException {
        out.putArchiveEntry(new TarArchiveEntry(name));
        out.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream out, String name, String content, int mode) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(data.length);
        entry.setMode(mode);
        out.putArchiveEntry(entry);
        out.write(data);
        out.closeArchiveEntry();
    }

    /** A read that breaks off half-way, as a killed or out-of-memory start does. */
    private static final class FailingAfter extends FilterInputStream {
        private long left;

        FailingAfter(InputStream in, long bytes) {
            super(in);
            this.left = bytes;
        }

        @Override
        public int read() throws IOException {
            if (left-- <= 0) {
                throw new IOException("interrupted");
            }
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                throw new IOException("interrupted");
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            left -= Math.max(n, 0);
            return n;
        }
    }
}
