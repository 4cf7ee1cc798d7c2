package com.finpulse.model.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.finpulse.model.testing.TinyModels;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightFilesTest {

  @TempDir Path tmp;

  @Test
  void safetensorsRoundTripIsExact() {
    Map<String, Tensor> in = new LinkedHashMap<>();
    in.put(
        "a.weight",
        new Tensor(new long[] {2, 3}, new float[] {1, -2, 3.5f, Float.MIN_VALUE, 0, 7e30f}));
    in.put("b", new Tensor(new long[] {1}, new float[] {42}));
    in.put("scalar", new Tensor(new long[] {}, new float[] {0.25f}));
    Path f = tmp.resolve("x.safetensors");
    Safetensors.write(f, in, Map.of("format", "pt"));
    Safetensors.Contents out = Safetensors.read(f);
    assertThat(out.metadata()).containsEntry("format", "pt");
    assertThat(out.tensors().keySet()).containsExactly("a.weight", "b", "scalar");
    in.forEach(
        (k, v) -> {
          assertThat(out.tensors().get(k).shape()).isEqualTo(v.shape());
          assertThat(out.tensors().get(k).data()).isEqualTo(v.data());
        });
  }

  @Test
  void namedTensorsAreWrittenInHalfPrecisionAndReadBack() {
    Path f = tmp.resolve("half.safetensors");
    Map<String, Tensor> in = new LinkedHashMap<>();
    in.put(
        "a.lora_A.weight",
        new Tensor(new long[] {2, 3}, new float[] {1f, -0.5f, 1e-3f, 3.14159f, 0f, -2f}));
    in.put("ln.weight", new Tensor(new long[] {3}, new float[] {1.0001f, 0.9999f, 1f}));
    Safetensors.write(f, in, Map.of(), name -> name.endsWith("lora_A.weight"));
    Safetensors.Contents out = Safetensors.read(f);
    float[] half = out.tensors().get("a.lora_A.weight").data();
    for (int i = 0; i < half.length; i++) {
      assertThat(half[i])
          .isCloseTo(
              in.get("a.lora_A.weight").data()[i], org.assertj.core.data.Offset.offset(2e-3f));
    }
    assertThat(half[3]).as("rounded to float16").isNotEqualTo(3.14159f);
    assertThat(out.tensors().get("ln.weight").data()).containsExactly(1.0001f, 0.9999f, 1f);
    assertThat(f.toFile().length()).isLessThan(8 + 200 + 6 * 4 + 3 * 4);
  }

  @Test
  void readsHalfPrecisionFromOtherWriters() throws Exception {
    String header =
        "{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[4,6]}}";
    ByteBuffer buf = ByteBuffer.allocate(8 + header.length() + 6).order(ByteOrder.LITTLE_ENDIAN);
    buf.putLong(header.length()).put(header.getBytes(StandardCharsets.UTF_8));
    buf.putShort(Float.floatToFloat16(1.5f)).putShort(Float.floatToFloat16(-2f));
    buf.putShort((short) (Float.floatToIntBits(3f) >>> 16));
    Path f = tmp.resolve("h.safetensors");
    Files.write(f, buf.array());
    Safetensors.Contents c = Safetensors.read(f);
    assertThat(c.tensors().get("h").data()).containsExactly(1.5f, -2f);
    assertThat(c.tensors().get("b").data()).containsExactly(3f);
  }

  @Test
  void truncatedOrCorruptSafetensorsNameTheProblem() throws Exception {
    Map<String, Tensor> in =
        Map.of("layer.weight", new Tensor(new long[] {4}, new float[] {1, 2, 3, 4}));
    Path f = tmp.resolve("t.safetensors");
    Safetensors.write(f, in, Map.of());
    byte[] bytes = Files.readAllBytes(f);
    Files.write(f, Arrays.copyOf(bytes, bytes.length - 3));
    assertThatThrownBy(() -> Safetensors.read(f))
        .isInstanceOf(WeightsException.class)
        .hasMessageContaining("layer.weight")
        .hasMessageContaining("truncated");
    Files.write(f, new byte[] {1, 2, 3});
    assertThatThrownBy(() -> Safetensors.read(f)).hasMessageContaining("too short");
    Files.write(
        f, ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(1L << 40).array());
    assertThatThrownBy(() -> Safetensors.read(f))
        .hasMessageContaining("corrupt safetensors header");
  }

  @Test
  void checkpointDirectoryRoundTripsAndMissingTensorsAreNamed() throws Exception {
    Path dir = tmp.resolve("ckpt");
    LoadedEncoder loaded = TinyModels.checkpoint(dir, 5);
    BertWeights original = TinyModels.randomWeights(5);
    assertThat(loaded.weights().size()).isEqualTo(original.size());
    original
        .tensors()
        .forEach(
            (k, v) -> assertThat(loaded.weights().tensors().get(k).data()).isEqualTo(v.data()));

    Map<String, Tensor> partial = new LinkedHashMap<>(original.tensors());
    partial.remove("encoder.layer.1.output.dense.weight");
    partial.remove("embeddings.LayerNorm.bias");
    Safetensors.write(dir.resolve("model.safetensors"), partial, Map.of());
    assertThatThrownBy(() -> EncoderLoader.loadCheckpoint(dir))
        .isInstanceOf(WeightsException.class)
        .hasMessageContaining("Missing (2)")
        .hasMessageContaining("encoder.layer.1.output.dense.weight")
        .hasMessageContaining("embeddings.LayerNorm.bias");

    Files.delete(dir.resolve("tokenizer.json"));
    assertThatThrownBy(() -> EncoderLoader.loadCheckpoint(dir))
        .hasMessageContaining("tokenizer.json is missing");
  }

  @Test
  void incompleteOrCorruptOnnxFailsLoudly() throws Exception {
    byte[] onnx;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream(BaseEncoder.MINILM.onnxResource())) {
      onnx = in.readAllBytes();
    }
    OnnxGraph g = OnnxGraph.read(new ByteArrayInputStream(onnx), "minilm");
    BertWeights ok = OnnxBertRecovery.recover(g, 12, 1e-12, "minilm");
    assertThat(ok.size()).isEqualTo(101);
    assertThat(ok.config().numLayers()).isEqualTo(6);

    Map<String, Tensor> inits = new LinkedHashMap<>(g.initializers());
    inits.remove("encoder.layer.3.attention.output.LayerNorm.weight");
    assertThatThrownBy(
            () -> OnnxBertRecovery.recover(new OnnxGraph(inits, g.nodes()), 12, 1e-12, "minilm"))
        .isInstanceOf(WeightsException.class)
        .hasMessageContaining("100/101")
        .hasMessageContaining("encoder.layer.3.attention.output.LayerNorm.weight");

    assertThatThrownBy(
            () ->
                OnnxGraph.read(
                    new ByteArrayInputStream(Arrays.copyOf(onnx, onnx.length / 3)), "cut.onnx"))
        .isInstanceOf(WeightsException.class)
        .hasMessageContaining("cut.onnx");
  }
}
