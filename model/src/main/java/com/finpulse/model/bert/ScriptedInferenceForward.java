package com.finpulse.model.bert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The inference forward of {@link BertEncoder} as one TorchScript module, computing what the
 * NDArray forward computes with fewer, fused kernels. Two variants ({@link Variant}): on CPU in
 * fp32 the operators ONNX Runtime's optimiser would pick (oneDNN dense layers on weights packed
 * once, with bias, GELU and the residual add fused in); on any other device and precision (fp16 or
 * fp32 on a GPU) ATen's dense layers (cuBLAS with the bias in the same call). Both run the dense
 * layers on the real tokens only and use fused scaled-dot-product attention (flash or
 * memory-efficient kernels on a GPU), so the activations are not copied for bias, head permutes or
 * softmax.
 *
 * <p>Thread-safe: the module is stateless and the weights are read-only, so concurrent forwards
 * (one per lane) share one instance.
 */
final class ScriptedInferenceForward {

  /** Which operators the module uses. */
  enum Variant {
    /** oneDNN dense layers with fused bias/GELU/residual: CPU, fp32 only. */
    ONEDNN("InferenceEncoder", "inference_encoder.torchscript"),
    /** ATen dense layers: any device and precision (the GPU's). */
    ATEN("DeviceInferenceEncoder", "device_inference_encoder.torchscript");

    private final String className;
    private final String source;

    Variant(String className, String source) {
      this.className = className;
      this.source = source;
    }

    /** The variant for a device type and precision. */
    static Variant of(boolean cpu, DataType type) {
      return cpu && type == DataType.FLOAT32 ? ONEDNN : ATEN;
    }
  }

  /** Per layer after its fused Q/K/V weight and bias, in the order the script indexes them. */
  private static final List<String> LAYER_TENSORS =
      List.of(
          "attention.output.dense.weight",
          "attention.output.dense.bias",
          "attention.output.LayerNorm.weight",
          "attention.output.LayerNorm.bias",
          "intermediate.dense.weight",
          "intermediate.dense.bias",
          "output.dense.weight",
          "output.dense.bias",
          "output.LayerNorm.weight",
          "output.LayerNorm.bias");

  private static final List<String> EMBEDDING_TENSORS =
      List.of(
          "embeddings.word_embeddings.weight",
          "embeddings.position_embeddings.weight",
          "embeddings.token_type_embeddings.weight",
          "embeddings.LayerNorm.weight",
          "embeddings.LayerNorm.bias");

  private final Variant variant;
  private final PtSymbolBlock module;
  private final IValue weights;
  private final IValue layers;
  private final IValue heads;
  private final IValue eps;

  /**
   * @param manager owns the module and the packed weights (the encoder's parameter manager)
   * @param params the encoder's weights by Hugging Face name
   * @param qkvWeight per layer, the fused Q/K/V weight (query rows scaled by 1/sqrt(d))
   * @param qkvBias per layer, the fused Q/K/V bias
   */
  ScriptedInferenceForward(
      Variant variant,
      NDManager manager,
      BertConfig config,
      Map<String, NDArray> params,
      NDArray[] qkvWeight,
      NDArray[] qkvBias) {
    this.variant = variant;
    this.module = load((PtNDManager) manager, variant);
    List<PtNDArray> dense = new ArrayList<>();
    for (String name : EMBEDDING_TENSORS) {
      dense.add((PtNDArray) params.get(name));
    }
    for (int l = 0; l < config.numLayers(); l++) {
      dense.add((PtNDArray) qkvWeight[l]);
      dense.add((PtNDArray) qkvBias[l]);
      for (String name : LAYER_TENSORS) {
        dense.add((PtNDArray) params.get("encoder.layer." + l + "." + name));
      }
    }
    this.layers = IValue.from((long) config.numLayers());
    this.heads = IValue.from((long) config.numHeads());
    this.eps = IValue.from(config.layerNormEps());
    try (IValue list = IValue.listFrom(dense.toArray(PtNDArray[]::new))) {
      this.weights = IValueUtils.runMethod(module, "pack", list, layers);
    } catch (RuntimeException e) {
      layers.close();
      heads.close();
      eps.close();
      module.close();
      throw e;
    }
  }

  Variant variant() {
    return variant;
  }

  private static PtSymbolBlock load(PtNDManager manager, Variant variant) {
    String source;
    try (InputStream in = ScriptedInferenceForward.class.getResourceAsStream(variant.source)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource " + variant.source + " is missing from the model jar");
      }
      source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return compile(manager, variant.className, source);
  }

  /**
   * Has libtorch compile {@code source}; an error in it (or an operator this libtorch build lacks)
   * surfaces as DJL's {@link ai.djl.engine.EngineException}.
   */
  static PtSymbolBlock compile(PtNDManager manager, String className, String source) {
    byte[] archive = TorchScriptArchive.of(className, source);
    try {
      return JniUtils.loadModule(manager, new ByteArrayInputStream(archive), false, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Same contract as {@link BertEncoder#forward}: [B, T, H] in {@code ids}' manager. */
  NDArray forward(NDArray ids, NDArray typeIds, NDArray mask) {
    PtNDManager scope = (PtNDManager) ids.getManager();
    try (IValue i = IValue.from((PtNDArray) ids);
        IValue t = IValue.from((PtNDArray) typeIds);
        IValue m = IValue.from((PtNDArray) mask);
        IValue out =
            IValueUtils.runMethod(module, "forward", i, t, m, weights, layers, heads, eps)) {
      return out.toTensor(scope);
    }
  }

  void close() {
    weights.close();
    layers.close();
    heads.close();
    eps.close();
    module.close();
  }
}
