package com.finpulse.model.text;

/** Token ids of one text, with [CLS] and [SEP], truncated to the model's maximum length. */
public record TokenizedText(long[] ids, long[] typeIds) {

  public int length() {
    return ids.length;
  }
}
