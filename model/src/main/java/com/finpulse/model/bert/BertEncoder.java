package com.finpulse.model.bert;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import com.finpulse.model.weights.BertWeights;
import com.finpulse.model.weights.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A BERT encoder (post-LN, exact erf GELU, additive attention mask) on DJL NDArrays, with optional
 * LoRA adapters.
 *
 * <p>Parameters live in the encoder's own {@link NDManager}. Every op in {@link #forward} takes an
 * activation as its first operand, so its result belongs to the caller's per-batch manager and
 * nothing accumulates in the parameter manager. After {@link #prepareForInference} the LoRA deltas
 * are merged, Q/K/V are fused into one matrix with the 1/sqrt(d) scale folded into the query rows,
 * and the forward uses that path as a TorchScript module ({@link ScriptedInferenceForward}) with
 * fused dense and attention kernels (oneDNN on CPU in fp32, cuBLAS and flash/memory-efficient
 * attention on a GPU in fp16), checked at load against the NDArray forward ({@link
 * #forwardPacked}), which runs instead if the fused one does not load or disagrees.
 */
public final class BertEncoder implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BertEncoder.class);

  private final BertConfig config;
  private final NDManager manager;
  private final Map<String, NDArray> params = new LinkedHashMap<>();
  private final Map<String, LoraAdapter> adapters = new LinkedHashMap<>();
  private final LoraConfig lora;
  private NDArray[] fusedQkvWeight;
  private NDArray[] fusedQkvBias;
  private ScriptedInferenceForward scripted;
  private DataType dataType = DataType.FLOAT32;
  private float hiddenDropout;

  /** One LoRA adapter: {@code delta = scale * B A}. */
  public record LoraAdapter(NDArray a, NDArray b, float scale) {}

  /**
   * @param lora adapters to create (A random, B zero, so the start equals the base), or null
   */
  public BertEncoder(BertWeights weights, LoraConfig lora, Device device, long seed) {
    this.config = weights.config();
    this.lora = lora;
    this.manager = NDManager.newBaseManager(device);
    for (Map.Entry<String, Tensor> e : weights.tensors().entrySet()) {
      params.put(e.getKey(), toArray(e.getValue()));
    }
    if (lora != null) {
      Random rnd = new Random(seed);
      for (int l = 0; l < config.numLayers(); l++) {
        for (LoraTarget t : lora.targets()) {
          String module = "encoder.layer." + l + "." + t.module();
          long[] shape = params.get(module + ".weight").getShape().getShape();
          long out = shape[0];
          long in = shape[1];
          // Kaiming-uniform A (as PEFT does) and zero B: the adapted model starts as the base.
          float bound = (float) (1.0 / Math.sqrt(in));
          float[] a = new float[(int) (lora.rank() * in)];
          for (int i = 0; i < a.length; i++) {
            a[i] = (rnd.nextFloat() * 2 - 1) * bound;
          }
          adapters.put(
              module,
              new LoraAdapter(
                  toArray(new Tensor(new long[] {lora.rank(), in}, a)),
                  toArray(
                      new Tensor(
                          new long[] {out, lora.rank()}, new float[(int) (out * lora.rank())])),
                  lora.scale()));
        }
      }
    }
  }

  private NDArray toArray(Tensor t) {
    NDArray a = manager.create(t.data(), new Shape(t.shape()));
    a.setName(null);
    return a;
  }

  public BertConfig config() {
    return config;
  }

  public LoraConfig lora() {
    return lora;
  }

  public NDManager manager() {
    return manager;
  }

  /** Encoder parameters by Hugging Face name (q, k, v separate). */
  public Map<String, NDArray> parameters() {
    return Collections.unmodifiableMap(params);
  }

  /** LoRA adapters by module path, e.g. {@code encoder.layer.3.attention.self.query}. */
  public Map<String, LoraAdapter> adapters() {
    return Collections.unmodifiableMap(adapters);
  }

  /** Names of all LayerNorm parameters (what "trainable LayerNorms" trains). */
  public List<String> layerNormParameterNames() {
    List<String> out = new ArrayList<>();
    for (String name : params.keySet()) {
      if (name.contains("LayerNorm")) {
        out.add(name);
      }
    }
    return out;
  }

  public void setHiddenDropout(float rate) {
    this.hiddenDropout = rate;
  }

  /** Replaces a parameter's values (loading a fine-tuned LayerNorm or a full fine-tune). */
  public void overwrite(String name, Tensor value) {
    NDArray old = params.get(name);
    if (old == null) {
      throw new IllegalArgumentException("no encoder parameter " + name);
    }
    if (!old.getShape().equals(new Shape(value.shape()))) {
      throw new IllegalArgumentException(
          name + " has shape " + old.getShape() + ", file has " + value.shapeString());
    }
    params.put(name, toArray(value));
    old.close();
  }

  /** Replaces an adapter's A and B (loading a trained adapter). */
  public void overwriteAdapter(String module, Tensor a, Tensor b) {
    LoraAdapter old = adapters.get(module);
    if (old == null) {
      throw new IllegalArgumentException("no LoRA adapter on " + module);
    }
    if (!old.a().getShape().equals(new Shape(a.shape()))
        || !old.b().getShape().equals(new Shape(b.shape()))) {
      throw new IllegalArgumentException(
          module
              + ": adapter shapes "
              + old.a().getShape()
              + "/"
              + old.b().getShape()
              + " do not match the file's "
              + a.shapeString()
              + "/"
              + b.shapeString());
    }
    adapters.put(module, new LoraAdapter(toArray(a), toArray(b), old.scale()));
    old.a().close();
    old.b().close();
  }

  /**
   * Merges every adapter into its base weight, fuses Q/K/V (query rows pre-scaled by 1/sqrt(d)) and
   * casts to {@code type} (FLOAT16 on GPU). The encoder is then for inference only.
   */
  public void prepareForInference(DataType type) {
    prepareForInference(type, true);
  }

  /**
   * As {@link #prepareForInference(DataType)}; {@code fused} false keeps the NDArray forward (for
   * comparison and diagnosis), true uses the fused TorchScript forward where it loads and agrees.
   */
  public void prepareForInference(DataType type, boolean fused) {
    boolean cpu = Device.Type.CPU.equals(manager.getDevice().getDeviceType());
    prepare(type, fused ? ScriptedInferenceForward.Variant.of(cpu, type) : null);
  }

  /** {@code variant} null keeps the NDArray forward. */
  void prepare(DataType type, ScriptedInferenceForward.Variant variant) {
    maskMinimum(type); // rejects a type that is not float32 or float16
    for (Map.Entry<String, LoraAdapter> e : adapters.entrySet()) {
      String wName = e.getKey() + ".weight";
      NDArray w = params.get(wName);
      LoraAdapter ad = e.getValue();
      NDArray merged = w.add(ad.b().matMul(ad.a()).mul(ad.scale()));
      params.put(wName, merged);
      w.close();
      ad.a().close();
      ad.b().close();
    }
    adapters.clear();
    if (type != DataType.FLOAT32) {
      for (Map.Entry<String, NDArray> e : params.entrySet()) {
        NDArray cast = e.getValue().toType(type, false);
        e.getValue().close();
        e.setValue(cast);
      }
    }
    dataType = type;
    int layers = config.numLayers();
    fusedQkvWeight = new NDArray[layers];
    fusedQkvBias = new NDArray[layers];
    double inv = 1.0 / Math.sqrt(config.headSize());
    for (int l = 0; l < layers; l++) {
      String p = "encoder.layer." + l + ".attention.self.";
      try (NDManager tmp = manager.newSubManager()) {
        NDArray q = params.get(p + "query.weight").mul(inv);
        NDArray qb = params.get(p + "query.bias").mul(inv);
        q.attach(tmp);
        qb.attach(tmp);
        NDArray w =
            NDArrays.concat(q, params.get(p + "key.weight"), params.get(p + "value.weight"));
        NDArray b = NDArrays.concat(qb, params.get(p + "key.bias"), params.get(p + "value.bias"));
        w.attach(manager);
        b.attach(manager);
        fusedQkvWeight[l] = w;
        fusedQkvBias[l] = b;
      }
    }
    if (variant != null) {
      try {
        scripted =
            new ScriptedInferenceForward(
                variant, manager, config, params, fusedQkvWeight, fusedQkvBias);
      } catch (EngineException e) {
        // A libtorch build without oneDNN (some non-x86 natives) lacks the fused CPU operators.
        LOG.warn(
            "The fused {} forward does not load on this libtorch build ({}); inference runs on"
                + " the NDArray forward, which gives the same results more slowly",
            variant,
            String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
      }
      if (scripted != null) {
        double diff = fusedForwardDisagreement();
        double tolerance = fusedTolerance(type);
        if (!(diff <= tolerance)) {
          // Seen with oneDNN on small shapes (hidden 32, heads of 8) on some CPUs.
          LOG.warn(
              "The fused {} forward disagrees with the NDArray forward on this model and device"
                  + " (max relative difference {} > {}); inference runs on the NDArray forward,"
                  + " which is slower",
              variant,
              diff,
              tolerance);
          scripted.close();
          scripted = null;
        }
      }
    }
  }

  /**
   * How far the fused forward may drift from the NDArray forward on the probe batch, relative to
   * the largest hidden value: rounding only (the two sum in different orders), far below the
   * 0.03-0.06 relative error a broken kernel showed.
   */
  static double fusedTolerance(DataType type) {
    return switch (type) {
      case FLOAT16 -> 1e-2;
      case FLOAT32 -> FUSED_TOLERANCE;
      default -> throw new IllegalArgumentException("not an inference precision: " + type);
    };
  }

  /** How far the fused fp32 forward may drift from the NDArray forward on the probe batch. */
  static final double FUSED_TOLERANCE = 1e-3;

  /**
   * Runs a fixed probe batch (two texts of different lengths, so padding is exercised) through the
   * fused forward and the NDArray forward and returns the largest difference on real tokens.
   */
  private double fusedForwardDisagreement() {
    int[] lengths = {11, 4};
    int t = lengths[0];
    long[] ids = new long[2 * t];
    long[] mask = new long[2 * t];
    java.util.Random rnd = new java.util.Random(17);
    for (int r = 0; r < 2; r++) {
      for (int j = 0; j < lengths[r]; j++) {
        ids[r * t + j] = 1 + rnd.nextInt(Math.max(1, config.vocabSize() - 1));
        mask[r * t + j] = 1;
      }
    }
    try (NDManager probe = manager.newSubManager()) {
      Shape shape = new Shape(2, t);
      NDArray idArr = probe.create(ids, shape);
      NDArray typeArr = probe.zeros(shape, DataType.INT64);
      NDArray maskArr = probe.create(mask, shape);
      float[] fused =
          scripted.forward(idArr, typeArr, maskArr).toType(DataType.FLOAT32, false).toFloatArray();
      float[] plain =
          forwardPacked(idArr, typeArr, maskArr).toType(DataType.FLOAT32, false).toFloatArray();
      int h = config.hiddenSize();
      double max = 0;
      double scale = 1;
      for (int r = 0; r < 2; r++) {
        for (int i = r * t * h; i < (r * t + lengths[r]) * h; i++) {
          max = Math.max(max, Math.abs(fused[i] - plain[i]));
          scale = Math.max(scale, Math.abs(plain[i]));
        }
      }
      return max / scale;
    }
  }

  /** The most negative finite value of the precision: the attention bias of a padding key. */
  static float maskMinimum(DataType type) {
    return switch (type) {
      case FLOAT16 -> -65504f;
      case FLOAT32 -> -Float.MAX_VALUE;
      default -> throw new IllegalArgumentException("not an inference precision: " + type);
    };
  }

  /** Which fused forward runs, or null when inference runs on the NDArray forward. */
  public String fusedForward() {
    return scripted == null ? null : scripted.variant().name().toLowerCase(java.util.Locale.ROOT);
  }

  public boolean preparedForInference() {
    return fusedQkvWeight != null;
  }

  public DataType dataType() {
    return dataType;
  }

  /**
   * Runs the encoder.
   *
   * @param ids token ids [B, T] (int64), in the caller's per-batch manager
   * @param typeIds token type ids [B, T]
   * @param mask attention mask [B, T], 1 for real tokens
   * @return last hidden state [B, T, H], attached to {@code ids}' manager; what padding positions
   *     hold is unspecified (mask them, as pooling does)
   */
  public NDArray forward(NDArray ids, NDArray typeIds, NDArray mask, boolean training) {
    if (fusedQkvWeight != null) {
      if (training) {
        throw new IllegalStateException("the encoder was prepared for inference; it cannot train");
      }
      return scripted != null
          ? scripted.forward(ids, typeIds, mask)
          : forwardPacked(ids, typeIds, mask);
    }
    NDManager scope = ids.getManager();
    long batch = ids.getShape().get(0);
    long len = ids.getShape().get(1);
    NDArray positions = scope.arange(0, (int) len, 1, DataType.INT64);
    NDArray x =
        embed(ids, params.get("embeddings.word_embeddings.weight"))
            .add(embed(positions, params.get("embeddings.position_embeddings.weight")))
            .add(embed(typeIds, params.get("embeddings.token_type_embeddings.weight")));
    x = layerNorm(x, "embeddings.LayerNorm");
    x = dropout(x, training);
    float min = maskMinimum(dataType);
    NDArray maskBias = mask.toType(dataType, false).sub(1).mul(-min).reshape(batch, 1, 1, len);
    int heads = config.numHeads();
    int hd = config.headSize();
    int hidden = config.hiddenSize();
    for (int l = 0; l < config.numLayers(); l++) {
      String p = "encoder.layer." + l + ".";
      NDArray q =
          heads(linear(x, p + "attention.self.query", training), batch, len)
              .mul(1.0 / Math.sqrt(hd));
      NDArray k = heads(linear(x, p + "attention.self.key", training), batch, len);
      NDArray v = heads(linear(x, p + "attention.self.value", training), batch, len);
      // Without autograd, fresh intermediates can be updated in place: fewer allocations.
      boolean inPlace = !training;
      NDArray scores = q.matMul(k.transpose(0, 1, 3, 2));
      scores = inPlace ? scores.addi(maskBias) : scores.add(maskBias);
      NDArray context =
          scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(batch, len, hidden);
      NDArray attn = dropout(linear(context, p + "attention.output.dense", training), training);
      x = layerNorm(inPlace ? attn.addi(x) : attn.add(x), p + "attention.output.LayerNorm");
      NDArray inter = linear(x, p + "intermediate.dense", training).getNDArrayInternal().gelu();
      NDArray out = dropout(linear(inter, p + "output.dense", training), training);
      x = layerNorm(inPlace ? out.addi(x) : out.add(x), p + "output.LayerNorm");
    }
    return x;
  }

  /**
   * The inference forward. Dense layers, GELU and LayerNorms run on the real tokens only, packed
   * into [N, H] (a padded batch of headlines is 5-40% padding); only attention needs the [B, T]
   * grid, which one row gather rebuilds per layer. Attention scores are computed transposed (keys x
   * queries) so that the softmax runs over a non-innermost axis, where PyTorch's CPU kernel is
   * about twice as fast for short rows as over the last axis; Q, K and V become one contiguous [3,
   * B*heads, T, d] copy so the products are plain batched matrix products.
   */
  private NDArray forwardPacked(NDArray ids, NDArray typeIds, NDArray mask) {
    NDManager scope = ids.getManager();
    long batch = ids.getShape().get(0);
    long len = ids.getShape().get(1);
    int heads = config.numHeads();
    int hd = config.headSize();
    int hidden = config.hiddenSize();
    NDArray flatMask = mask.reshape(-1);
    NDArray realRows = flatMask.nonzero().reshape(-1);
    boolean padded = realRows.getShape().get(0) < batch * len;
    // For every cell of the [B*T] grid, the packed row that fills it. A padding cell gets the row
    // of
    // its text's last real token: as a key it is masked out, as a query its output is never read.
    NDArray gridRows = padded ? flatMask.cumSum(0).sub(1).maximum(0) : null;

    NDArray positions = scope.arange(0, (int) len, 1, DataType.INT64);
    NDArray x =
        embed(ids, params.get("embeddings.word_embeddings.weight"))
            .add(embed(positions, params.get("embeddings.position_embeddings.weight")))
            .add(embed(typeIds, params.get("embeddings.token_type_embeddings.weight")))
            .reshape(batch * len, hidden);
    if (padded) {
      x = embed(realRows, x);
    }
    x = layerNorm(x, "embeddings.LayerNorm");
    float min = maskMinimum(dataType);
    // Per key, broadcast over queries: [B, 1, T_keys, 1].
    NDArray keyBias = mask.toType(dataType, false).sub(1).mul(-min).reshape(batch, 1, len, 1);
    for (int l = 0; l < config.numLayers(); l++) {
      String p = "encoder.layer." + l + ".";
      NDArray qkvRows = linearRaw(x, fusedQkvWeight[l], fusedQkvBias[l]);
      NDArray qkvGrid = padded ? embed(gridRows, qkvRows) : qkvRows;
      NDArray qkv =
          qkvGrid
              .reshape(batch, len, 3, heads, hd)
              .transpose(2, 0, 3, 1, 4)
              .reshape(3, batch * heads, len, hd);
      NDArray q = qkv.get(0);
      NDArray k = qkv.get(1);
      NDArray v = qkv.get(2);
      NDArray scoresT = k.matMul(q.transpose(0, 2, 1)).reshape(batch, heads, len, len);
      NDArray probsT = scoresT.addi(keyBias).softmax(2).reshape(batch * heads, len, len);
      NDArray context =
          probsT
              .transpose(0, 2, 1)
              .matMul(v)
              .reshape(batch, heads, len, hd)
              .transpose(0, 2, 1, 3)
              .reshape(batch * len, hidden);
      if (padded) {
        context = embed(realRows, context);
      }
      NDArray attn = linear(context, p + "attention.output.dense", false);
      x = layerNorm(attn.addi(x), p + "attention.output.LayerNorm");
      NDArray inter = linear(x, p + "intermediate.dense", false).getNDArrayInternal().gelu();
      NDArray out = linear(inter, p + "output.dense", false);
      x = layerNorm(out.addi(x), p + "output.LayerNorm");
    }
    return (padded ? embed(gridRows, x) : x).reshape(batch, len, hidden);
  }

  private NDArray heads(NDArray x, long batch, long len) {
    return x.reshape(batch, len, config.numHeads(), config.headSize()).transpose(0, 2, 1, 3);
  }

  private NDArray embed(NDArray ids, NDArray table) {
    return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
  }

  private NDArray layerNorm(NDArray x, String name) {
    return x.getNDArrayInternal()
        .layerNorm(
            x,
            new Shape(config.hiddenSize()),
            params.get(name + ".weight"),
            params.get(name + ".bias"),
            (float) config.layerNormEps())
        .singletonOrThrow();
  }

  private NDArray dropout(NDArray x, boolean training) {
    if (!training || hiddenDropout <= 0) {
      return x;
    }
    return x.getNDArrayInternal().dropout(x, hiddenDropout, true).singletonOrThrow();
  }

  private NDArray linear(NDArray x, String module, boolean training) {
    NDArray y = linearRaw(x, params.get(module + ".weight"), params.get(module + ".bias"));
    LoraAdapter ad = adapters.get(module);
    if (ad != null) {
      NDArray in = x;
      if (training && lora.dropout() > 0) {
        in = x.getNDArrayInternal().dropout(x, (float) lora.dropout(), true).singletonOrThrow();
      }
      y = y.add(linearRaw(linearRaw(in, ad.a(), null), ad.b(), null).mul(ad.scale()));
    }
    return y;
  }

  static NDArray linearRaw(NDArray x, NDArray weight, NDArray bias) {
    return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
  }

  /** Current weights with LoRA merged, q/k/v separate: what a Hugging Face checkpoint holds. */
  public BertWeights mergedWeights() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    try (NDManager tmp = manager.newSubManager()) {
      for (Map.Entry<String, NDArray> e : params.entrySet()) {
        NDArray w = e.getValue();
        String module =
            e.getKey().endsWith(".weight")
                ? e.getKey().substring(0, e.getKey().length() - 7)
                : null;
        LoraAdapter ad = module == null ? null : adapters.get(module);
        if (ad != null) {
          w = w.add(ad.b().matMul(ad.a()).mul(ad.scale()));
          w.attach(tmp);
        }
        out.put(e.getKey(), toTensor(w));
      }
    }
    return new BertWeights(config, out);
  }

  public static Tensor toTensor(NDArray a) {
    NDArray f = a.getDataType() == DataType.FLOAT32 ? a : a.toType(DataType.FLOAT32, false);
    Tensor t = new Tensor(f.getShape().getShape(), f.toFloatArray());
    if (f != a) {
      f.close();
    }
    return t;
  }

  @Override
  public void close() {
    if (scripted != null) {
      scripted.close();
    }
    manager.close();
  }

  /** Concatenation along axis 0 whose result belongs to the first array's manager. */
  private static final class NDArrays {
    static NDArray concat(NDArray first, NDArray... rest) {
      NDList list = new NDList(first);
      for (NDArray r : rest) {
        list.add(r);
      }
      return ai.djl.ndarray.NDArrays.concat(list, 0);
    }
  }
}
