package com.finpulse.model.weights;

import com.finpulse.model.bert.BertConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A complete set of BERT encoder weights with Hugging Face names, checked against the config. */
public record BertWeights(BertConfig config, Map<String, Tensor> tensors) {

  /**
   * Keeps exactly the encoder parameters of {@code config} and fails, naming every missing or
   * mis-shaped one, unless all are there.
   *
   * @param source names the file in the error
   */
  public static BertWeights checked(BertConfig config, Map<String, Tensor> found, String source) {
    Map<String, long[]> expected = config.parameterShapes();
    List<String> missing = new ArrayList<>();
    List<String> wrongShape = new ArrayList<>();
    Map<String, Tensor> out = new LinkedHashMap<>();
    for (Map.Entry<String, long[]> e : expected.entrySet()) {
      Tensor t = found.get(e.getKey());
      if (t == null) {
        missing.add(e.getKey());
      } else if (!Arrays.equals(t.shape(), e.getValue())) {
        wrongShape.add(
            e.getKey() + " is " + t.shapeString() + ", expected " + Arrays.toString(e.getValue()));
      } else {
        out.put(e.getKey(), t);
      }
    }
    if (!missing.isEmpty() || !wrongShape.isEmpty()) {
      StringBuilder sb =
          new StringBuilder(source)
              .append(": incomplete BERT weights, recovered ")
              .append(out.size())
              .append('/')
              .append(expected.size())
              .append(" parameters.");
      if (!missing.isEmpty()) {
        sb.append(" Missing (").append(missing.size()).append("): ").append(head(missing));
      }
      if (!wrongShape.isEmpty()) {
        sb.append(" Wrong shape: ").append(head(wrongShape));
      }
      throw new WeightsException(sb.toString());
    }
    return new BertWeights(config, out);
  }

  private static String head(List<String> names) {
    return names.size() <= 8
        ? String.join(", ", names)
        : String.join(", ", names.subList(0, 8)) + ", ... (" + (names.size() - 8) + " more)";
  }

  public int size() {
    return tensors.size();
  }
}
