package dev.nslab.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The only way nslab reads and writes the learner's files (progress, transcripts, lessons). As root
 * on a shared machine, a predictable temp name or a followed symlink lets another user aim nslab's
 * writes at any file: so temp files get random names and O_EXCL, nothing is read or replaced
 * through a symlink, and only regular files of bounded size are read.
 */
public final class SafeFiles {
  /** The most nslab reads of a lesson or progress file. */
  public static final int MAX_BYTES = 1024 * 1024;

  public static final Set<PosixFilePermission> PRIVATE =
      PosixFilePermissions.fromString("rw-------");
  public static final Set<PosixFilePermission> READABLE =
      PosixFilePermissions.fromString("rw-r--r--");
  private static final SecureRandom RANDOM = new SecureRandom();

  private SafeFiles() {}

  /**
   * The text of a regular file of at most {@link #MAX_BYTES}, read without following a symlink when
   * {@code noFollow}. Special files (a FIFO, /dev/zero) and larger files are refused with one
   * sentence, before anything is read.
   */
  public static String readSmall(Path file, boolean noFollow) throws IOException {
    LinkOption[] options =
        noFollow ? new LinkOption[] {LinkOption.NOFOLLOW_LINKS} : new LinkOption[0];
    if (noFollow && Files.isSymbolicLink(file))
      throw new IOException(file + " is a symbolic link; nslab does not follow it");
    if (!Files.isRegularFile(file, options)) {
      if (!Files.exists(file, options)) throw new NoSuchFileException(file.toString());
      throw new IOException(file + " is not a regular file");
    }
    try (InputStream in =
        noFollow
            ? Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)
            : Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_BYTES + 1); // one more shows there is more
      if (bytes.length > MAX_BYTES)
        throw new IOException(file + " is larger than " + MAX_BYTES / 1024 + " KiB");
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /**
   * Replaces {@code file} with {@code text}: written to a new file with a random name beside it
   * (O_CREAT|O_EXCL, so never through a link someone planted), then renamed over it. A crash leaves
   * the old file or the new one. A symlink at {@code file} itself is replaced, not followed.
   */
  public static void replace(Path file, String text, Set<PosixFilePermission> permissions)
      throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp =
        dir.resolve("." + file.getFileName() + ".nslab-" + HexFormat.of().formatHex(randomBytes()));
    try (FileChannel out =
        FileChannel.open(
            tmp,
            Set.of(
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
            PosixFilePermissions.asFileAttribute(permissions))) {
      ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
      while (buf.hasRemaining()) out.write(buf);
      out.force(true);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    try {
      Files.setPosixFilePermissions(tmp, permissions); // the umask may have taken bits away
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return b;
  }
}
