package com.finpulse.common.text;

import java.util.Set;

/** HTML elements that start a new block of text: where extracted text breaks into paragraphs. */
public final class HtmlBlocks {

  private HtmlBlocks() {}

  /** Block-level element names, lower-case (jsoup's {@code normalName()}). */
  public static final Set<String> TAGS =
      Set.of(
          "address",
          "article",
          "aside",
          "blockquote",
          "body",
          "center",
          "dd",
          "details",
          "dir",
          "div",
          "dl",
          "dt",
          "fieldset",
          "figcaption",
          "figure",
          "footer",
          "form",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "header",
          "hgroup",
          "hr",
          "html",
          "li",
          "main",
          "menu",
          "nav",
          "ol",
          "p",
          "pre",
          "section",
          "summary",
          "table",
          "tbody",
          "thead",
          "tfoot",
          "td",
          "th",
          "tr",
          "ul",
          "caption",
          "legend",
          "output");
}
