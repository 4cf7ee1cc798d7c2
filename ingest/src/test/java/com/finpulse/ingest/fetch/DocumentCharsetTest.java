package com.finpulse.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DocumentCharsetTest {

  static final Charset CP1252 = Charset.forName("windows-1252");
  static final String TEXT = "<rss><title>Notícias: ação €5</title></rss>";

  @Test
  void latin1WithoutAnyDeclarationIsWindows1252() {
    DocumentCharset.Decoded d = DocumentCharset.decodeXml(TEXT.getBytes(CP1252), null);
    assertThat(d.text()).isEqualTo(TEXT);
    assertThat(d.charset()).isEqualTo(CP1252);
  }

  @Test
  void byteOrderMarkWins() {
    byte[] body = TEXT.getBytes(StandardCharsets.UTF_16LE);
    byte[] withBom = new byte[body.length + 2];
    withBom[0] = (byte) 0xFF;
    withBom[1] = (byte) 0xFE;
    System.arraycopy(body, 0, withBom, 2, body.length);
    assertThat(DocumentCharset.decodeXml(withBom, StandardCharsets.ISO_8859_1).text())
        .isEqualTo(TEXT);
    byte[] utf8 = ("\uFEFF" + TEXT).getBytes(StandardCharsets.UTF_8);
    assertThat(DocumentCharset.decodeXml(utf8, null).text()).isEqualTo(TEXT);
  }

  @Test
  void headerThenDeclaration() {
    String declared = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + TEXT;
    assertThat(DocumentCharset.decodeXml(declared.getBytes(CP1252), null).text())
        .isEqualTo(declared);
    String koi = "<?xml version=\"1.0\"?><rss><title>Новости</title></rss>";
    Charset koi8 = Charset.forName("KOI8-R");
    assertThat(DocumentCharset.decodeXml(koi.getBytes(koi8), koi8).text()).isEqualTo(koi);
  }

  @Test
  void utf8DeclaredSomewhereBeatsAStaleLatin1Header() {
    String doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + TEXT;
    DocumentCharset.Decoded d =
        DocumentCharset.decodeXml(
            doc.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    assertThat(d.text()).isEqualTo(doc);
  }

  @Test
  void utf8LabelOnLatin1BytesFallsBack() {
    String doc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + TEXT;
    DocumentCharset.Decoded d = DocumentCharset.decodeXml(doc.getBytes(CP1252), null);
    assertThat(d.text()).isEqualTo(doc);
    assertThat(d.charset()).isEqualTo(CP1252);
  }
}
