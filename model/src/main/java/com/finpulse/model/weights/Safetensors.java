package com.finpulse.model.weights;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the safetensors format (8-byte little-endian header length, JSON header, raw
 * little-endian data). Reads F32, F16 and BF16 (converted to float32); writes F32.
 */
public final class Safetensors {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_HEADER = 100L << 20;

  /** Tensors and the {@code __metadata__} strings of one file. */
  public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {}

  private Safetensors() {}

  public static Contents read(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < 8) {
        throw new WeightsException(
            file + ": too short for a safetensors file (" + size + " bytes)");
      }
      ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, lenBuf, 0);
      long headerLen = lenBuf.flip().getLong();
      if (headerLen <= 0 || headerLen > MAX_HEADER || 8 + headerLen > size) {
        throw new WeightsException(
            file
                + ": corrupt safetensors header length "
                + headerLen
                + " (file "
                + size
                + " bytes)");
      }
      ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
      readFully(ch, hb, 8);
      JsonNode header;
      try {
        header = JSON.readTree(new String(hb.array(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new WeightsException(file + ": corrupt safetensors header (not JSON)", e);
      }
      long dataStart = 8 + headerLen;
      Map<String, Tensor> tensors = new LinkedHashMap<>();
      Map<String, String> meta = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = header.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().equals("__metadata__")) {
          e.getValue().fields().forEachRemaining(m -> meta.put(m.getKey(), m.getValue().asText()));
          continue;
        }
        tensors.put(e.getKey(), readTensor(ch, file, e.getKey(), e.getValue(), dataStart, size));
      }
      return new Contents(tensors, meta);
    } catch (IOException e) {
      throw new WeightsException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
  }

  private static Tensor readTensor(
      FileChannel ch, Path file, String name, JsonNode info, long dataStart, long size)
      throws IOException {
    String dtype = info.path("dtype").asText();
    JsonNode offsets = info.path("data_offsets");
    JsonNode shapeNode = info.path("shape");
    if (!offsets.isArray() || offsets.size() != 2 || !shapeNode.isArray()) {
      throw new WeightsException(file + ": tensor " + name + " has a corrupt header entry");
    }
    long[] shape = new long[shapeNode.size()];
    long count = 1;
    for (int i = 0; i < shape.length; i++) {
      shape[i] = shapeNode.get(i).asLong();
      count *= shape[i];
    }
    int width =
        switch (dtype) {
          case "F32" -> 4;
          case "F16", "BF16" -> 2;
          default ->
              throw new WeightsException(
                  file + ": tensor " + name + " has unsupported dtype " + dtype);
        };
    long begin = offsets.get(0).asLong();
    long end = offsets.get(1).asLong();
    if (end - begin != count * width || dataStart + end > size || begin < 0) {
      throw new WeightsException(
          file
              + ": tensor "
              + name
              + " data is truncated or inconsistent (needs "
              + count * width
              + " bytes at "
              + begin
              + ", file has "
              + (size - dataStart)
              + " data bytes)");
    }
    ByteBuffer buf = ByteBuffer.allocate((int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
    readFully(ch, buf, dataStart + begin);
    buf.flip();
    float[] data = new float[(int) count];
    switch (dtype) {
      case "F32" -> buf.asFloatBuffer().get(data);
      case "F16" -> {
        for (int i = 0; i < data.length; i++) {
          data[i] = Float.float16ToFloat(buf.getShort());
        }
      }
      default -> {
        for (int i = 0; i < data.length; i++) {
          data[i] = Float.intBitsToFloat((buf.getShort() & 0xffff) << 16);
        }
      }
    }
    return new Tensor(shape, data);
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos);
      if (n < 0) {
        throw new IOException("unexpected end of file");
      }
      pos += n;
    }
  }

  /** Writes F32 tensors atomically (temp file, then rename). */
  public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) {
    write(file, tensors, metadata, name -> false);
  }

  /**
   * Writes the tensors atomically (temp file, then rename): those {@code half} names as F16 (half
   * the bytes, about three significant digits), the others as F32.
   */
  public static void write(
      Path file,
      Map<String, Tensor> tensors,
      Map<String, String> metadata,
      java.util.function.Predicate<String> half) {
    ObjectNode header = JSON.createObjectNode();
    if (!metadata.isEmpty()) {
      ObjectNode m = header.putObject("__metadata__");
      metadata.forEach(m::put);
    }
    long offset = 0;
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      ObjectNode t = header.putObject(e.getKey());
      boolean f16 = half.test(e.getKey());
      t.put("dtype", f16 ? "F16" : "F32");
      var shape = t.putArray("shape");
      for (long d : e.getValue().shape()) {
        shape.add(d);
      }
      long bytes = (f16 ? 2L : 4L) * e.getValue().data().length;
      t.putArray("data_offsets").add(offset).add(offset + bytes);
      offset += bytes;
    }
    byte[] hb;
    try {
      hb = JSON.writeValueAsBytes(header);
    } catch (IOException e) {
      throw new WeightsException("cannot encode safetensors header", e);
    }
    // Pad the header with spaces so the data starts 8-byte aligned, as the reference writer does.
    int pad = (int) ((8 - (hb.length % 8)) % 8);
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (OutputStream out =
          new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20)) {
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        len.putLong(hb.length + pad);
        out.write(len.array());
        out.write(hb);
        for (int i = 0; i < pad; i++) {
          out.write(' ');
        }
        ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
          boolean f16 = half.test(e.getKey());
          for (float f : e.getValue().data()) {
            if (chunk.remaining() < 4) {
              out.write(chunk.array(), 0, chunk.position());
              chunk.clear();
            }
            if (f16) {
              chunk.putShort(Float.floatToFloat16(f));
            } else {
              chunk.putFloat(f);
            }
          }
        }
        out.write(chunk.array(), 0, chunk.position());
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new WeightsException(file + ": cannot write (" + e.getMessage() + ")", e);
    }
  }
}
