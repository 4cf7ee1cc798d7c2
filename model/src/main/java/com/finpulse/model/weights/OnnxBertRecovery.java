package com.finpulse.model.weights;

import com.finpulse.model.bert.BertConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recovers Hugging Face BERT parameter names from an ONNX export by graph structure.
 *
 * <p>The exports keep embeddings, biases and LayerNorms under their Hugging Face names, but every
 * Linear weight is an anonymous {@code onnx::MatMul_NNN} initializer stored as [in, out]. Each such
 * MatMul feeds exactly one {@code Add} whose other input is a named {@code *.bias}: that bias's
 * prefix names the weight, which is then transposed to [out, in]. Anything ambiguous (a weight used
 * twice, a name hit twice, a size mismatch) fails instead of guessing.
 */
public final class OnnxBertRecovery {

  private OnnxBertRecovery() {}

  public static BertWeights recover(OnnxGraph graph, int numHeads, double eps, String source) {
    Map<String, Tensor> inits = graph.initializers();
    Map<String, List<OnnxGraph.Node>> consumers = new HashMap<>();
    for (OnnxGraph.Node n : graph.nodes()) {
      for (String in : n.inputs()) {
        consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
      }
    }
    Map<String, Tensor> named = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> e : inits.entrySet()) {
      String name = e.getKey();
      if (name.startsWith("embeddings.") || name.startsWith("encoder.")) {
        named.put(stripPrefix(name), e.getValue());
      }
    }
    for (OnnxGraph.Node n : graph.nodes()) {
      if (!n.opType().equals("MatMul") || n.inputs().size() != 2) {
        continue;
      }
      String weightName = n.inputs().get(1);
      Tensor w = inits.get(weightName);
      if (w == null) {
        continue; // activation x activation (attention scores)
      }
      if (consumers.getOrDefault(weightName, List.of()).size() != 1) {
        throw new WeightsException(source + ": MatMul weight " + weightName + " is used twice");
      }
      List<OnnxGraph.Node> next = consumers.getOrDefault(n.outputs().get(0), List.of());
      if (next.size() != 1 || !next.get(0).opType().equals("Add")) {
        throw new WeightsException(
            source + ": MatMul weight " + weightName + " is not followed by a single bias Add");
      }
      String bias = null;
      for (String in : next.get(0).inputs()) {
        if (!in.equals(n.outputs().get(0)) && in.endsWith(".bias") && inits.containsKey(in)) {
          bias = in;
        }
      }
      if (bias == null) {
        throw new WeightsException(
            source + ": the Add after " + weightName + " has no named bias initializer");
      }
      Tensor b = inits.get(bias);
      if (w.rank() != 2 || b.rank() != 1 || w.shape()[1] != b.shape()[0]) {
        throw new WeightsException(
            source
                + ": "
                + weightName
                + " "
                + w.shapeString()
                + " does not match bias "
                + bias
                + " "
                + b.shapeString());
      }
      String target = stripPrefix(bias.substring(0, bias.length() - ".bias".length())) + ".weight";
      if (named.put(target, w.transpose2d()) != null) {
        throw new WeightsException(source + ": two MatMul weights map to " + target);
      }
    }
    return BertWeights.checked(inferConfig(named, numHeads, eps, source), named, source);
  }

  private static String stripPrefix(String name) {
    return name.startsWith("bert.") ? name.substring(5) : name;
  }

  /** Sizes come from the tensors; heads and eps are not recorded in the graph's weights. */
  static BertConfig inferConfig(Map<String, Tensor> w, int numHeads, double eps, String source) {
    Tensor word = w.get("embeddings.word_embeddings.weight");
    Tensor pos = w.get("embeddings.position_embeddings.weight");
    Tensor type = w.get("embeddings.token_type_embeddings.weight");
    Tensor inter = w.get("encoder.layer.0.intermediate.dense.bias");
    if (word == null || pos == null || type == null || inter == null) {
      throw new WeightsException(
          source
              + ": cannot infer the encoder's shape: embeddings or encoder.layer.0 are missing"
              + " (found "
              + w.size()
              + " named tensors)");
    }
    // The highest layer index named anywhere: a hole in the middle then shows as missing tensors.
    int layers = 0;
    for (String name : w.keySet()) {
      if (name.startsWith("encoder.layer.")) {
        String rest = name.substring("encoder.layer.".length());
        layers = Math.max(layers, Integer.parseInt(rest.substring(0, rest.indexOf('.'))) + 1);
      }
    }
    return new BertConfig(
        (int) word.shape()[0],
        (int) word.shape()[1],
        Math.max(1, layers),
        numHeads,
        (int) inter.shape()[0],
        (int) pos.shape()[0],
        (int) type.shape()[0],
        eps);
  }
}
