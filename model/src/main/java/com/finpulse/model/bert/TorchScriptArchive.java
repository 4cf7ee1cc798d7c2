package com.finpulse.model.bert;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the smallest TorchScript archive libtorch loads: one stateless module class whose source
 * libtorch compiles at load time. Weights are not stored in it; they are passed to its methods.
 * This is how the JVM reaches fused and prepacked libtorch operators (oneDNN linear with bias, GELU
 * and residual add; fused scaled-dot-product attention) that DJL's NDArray API does not expose.
 */
final class TorchScriptArchive {

  /** The archive format revision whose operator semantics the source is written against. */
  private static final String FORMAT_VERSION = "10";

  private TorchScriptArchive() {}

  /**
   * @param className the class name in {@code __torch__} that {@code source} defines
   * @param source TorchScript source of that class
   */
  static byte[] of(String className, String source) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      put(zip, "version", (FORMAT_VERSION + "\n").getBytes(StandardCharsets.US_ASCII));
      put(zip, "constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
      put(zip, "data.pkl", rootObject(className));
      put(zip, "code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Stored, not deflated: libtorch's reader expects records it can read in place. */
  private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
    ZipEntry e = new ZipEntry("archive/" + name);
    e.setMethod(ZipEntry.STORED);
    CRC32 crc = new CRC32();
    crc.update(data);
    e.setSize(data.length);
    e.setCompressedSize(data.length);
    e.setCrc(crc.getValue());
    zip.putNextEntry(e);
    zip.write(data);
    zip.closeEntry();
  }

  /**
   * Pickle (protocol 2) of {@code __torch__.<className>} with its one attribute, training=False.
   */
  private static byte[] rootObject(String className) {
    ByteArrayOutputStream p = new ByteArrayOutputStream();
    p.write(0x80); // PROTO
    p.write(2);
    p.writeBytes(("c__torch__\n" + className + "\n").getBytes(StandardCharsets.US_ASCII)); // GLOBAL
    p.write(')'); // EMPTY_TUPLE
    p.write(0x81); // NEWOBJ
    p.write('}'); // EMPTY_DICT
    byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
    p.write('X'); // BINUNICODE, little-endian length
    p.write(key.length);
    p.write(0);
    p.write(0);
    p.write(0);
    p.writeBytes(key);
    p.write(0x89); // NEWFALSE
    p.write('s'); // SETITEM
    p.write('b'); // BUILD
    p.write('.'); // STOP
    return p.toByteArray();
  }
}
