package com.finpulse.model.bert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.finpulse.model.testing.TinyModels;
import com.finpulse.model.text.BertTokenizer;
import com.finpulse.model.text.PaddedBatch;
import com.finpulse.model.text.TokenizedText;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The GPU's fused forward (ATen dense layers, fused attention) is device-generic TorchScript: here
 * it runs on the CPU in fp32 and must give what the NDArray forward gives, padding included.
 */
class DeviceFusedForwardTest {

  private static final List<String> TEXTS =
      List.of(
          "Acme beats estimates",
          "",
          "Oil slides as OPEC+ output rises 3% while refiners' margins hold up in the quarter",
          "x");

  @Test
  void atenForwardMatchesTheNdArrayForward() {
    List<TokenizedText> tok;
    try (BertTokenizer t = new BertTokenizer(TinyModels.tokenizerJson(), 64)) {
      tok = t.tokenize(TEXTS);
    }
    float[] aten;
    float[] plain;
    try (BertEncoder enc = new BertEncoder(TinyModels.randomWeights(1), null, Device.cpu(), 3)) {
      enc.prepare(DataType.FLOAT32, ScriptedInferenceForward.Variant.ATEN);
      assertThat(enc.fusedForward()).as("kept after the probe check at load").isEqualTo("aten");
      aten = run(enc, tok);
    }
    try (BertEncoder enc = new BertEncoder(TinyModels.randomWeights(1), null, Device.cpu(), 3)) {
      enc.prepareForInference(DataType.FLOAT32, false);
      assertThat(enc.fusedForward()).isNull();
      plain = run(enc, tok);
    }
    int len = tok.stream().mapToInt(TokenizedText::length).max().orElseThrow();
    int hidden = plain.length / (tok.size() * len);
    double max = 0;
    for (int s = 0; s < tok.size(); s++) {
      for (int i = s * len * hidden; i < (s * len + tok.get(s).length()) * hidden; i++) {
        max = Math.max(max, Math.abs(aten[i] - plain[i]));
      }
    }
    assertThat(max).isLessThan(1e-4);
  }

  @Test
  void variantFollowsDeviceAndPrecision() {
    assertThat(ScriptedInferenceForward.Variant.of(true, DataType.FLOAT32))
        .isEqualTo(ScriptedInferenceForward.Variant.ONEDNN);
    assertThat(ScriptedInferenceForward.Variant.of(false, DataType.FLOAT16))
        .isEqualTo(ScriptedInferenceForward.Variant.ATEN);
    assertThat(ScriptedInferenceForward.Variant.of(false, DataType.FLOAT32))
        .isEqualTo(ScriptedInferenceForward.Variant.ATEN);
  }

  @Test
  void paddingKeysGetAFiniteBiasInEveryInferencePrecision() {
    assertThatThrownBy(() -> BertEncoder.maskMinimum(DataType.BFLOAT16))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(BertEncoder.maskMinimum(DataType.FLOAT16)).isEqualTo(-65504f);
    assertThat(Float.isFinite(BertEncoder.maskMinimum(DataType.FLOAT32))).isTrue();
  }

  private static float[] run(BertEncoder enc, List<TokenizedText> tok) {
    try (NDManager s = enc.manager().newSubManager()) {
      PaddedBatch b = PaddedBatch.of(tok, s);
      NDArray out = enc.forward(b.ids(), b.typeIds(), b.mask(), false);
      return out.toFloatArray();
    }
  }
}
