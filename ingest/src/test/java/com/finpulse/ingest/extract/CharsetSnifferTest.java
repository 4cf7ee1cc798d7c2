package com.finpulse.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CharsetSnifferTest {

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private static CharsetSniffer.Sniffed sniff(byte[] b, Charset declared) {
    return CharsetSniffer.sniff(b, b.length, declared);
  }

  @Test
  void byteOrderMarkWinsOverEverything() {
    byte[] b =
        concat(
            new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
            "<meta charset=iso-8859-2>é".getBytes(StandardCharsets.UTF_8));
    CharsetSniffer.Sniffed s = sniff(b, WINDOWS_1252);
    assertThat(s.charset()).isEqualTo(StandardCharsets.UTF_8);
    assertThat(s.source()).isEqualTo("bom");
    assertThat(s.bomLength()).isEqualTo(3);
    assertThat(sniff(new byte[] {(byte) 0xFF, (byte) 0xFE, '<', 0}, null).charset())
        .isEqualTo(StandardCharsets.UTF_16LE);
  }

  @Test
  void httpHeaderWinsOverMeta() {
    byte[] b = "<meta charset=\"utf-8\"><p>plain ascii</p>".getBytes(StandardCharsets.US_ASCII);
    CharsetSniffer.Sniffed s = sniff(b, Charset.forName("ISO-8859-2"));
    assertThat(s.charset()).isEqualTo(Charset.forName("ISO-8859-2"));
    assertThat(s.source()).isEqualTo("http");
  }

  @Test
  void metaCharsetAndHttpEquivAndXmlDeclaration() {
    assertThat(
            sniff(
                    "<html><head><meta charset='Shift_JIS'>".getBytes(StandardCharsets.US_ASCII),
                    null)
                .charset())
        .isEqualTo(Charset.forName("Shift_JIS"));
    assertThat(
            sniff(
                    "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=EUC-KR\">"
                        .getBytes(StandardCharsets.US_ASCII),
                    null)
                .charset())
        .isEqualTo(Charset.forName("EUC-KR"));
    assertThat(
            sniff(
                    "<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?><html>"
                        .getBytes(StandardCharsets.US_ASCII),
                    null)
                .charset())
        .isEqualTo(Charset.forName("ISO-8859-15"));
  }

  @Test
  void latin1AndAsciiLabelsMeanWindows1252() {
    assertThat(
            sniff("<meta charset=iso-8859-1><p>x</p>".getBytes(StandardCharsets.US_ASCII), null)
                .charset())
        .isEqualTo(WINDOWS_1252);
    assertThat(
            sniff("<meta charset=us-ascii><p>x</p>".getBytes(StandardCharsets.US_ASCII), null)
                .charset())
        .isEqualTo(WINDOWS_1252);
    assertThat(CharsetSniffer.forLabel("latin1")).isEqualTo(WINDOWS_1252);
    assertThat(CharsetSniffer.forLabel("no-such-charset")).isNull();
  }

  @Test
  void undeclaredBytesAreGuessed() {
    assertThat(sniff("<p>Zürich café – ok</p>".getBytes(StandardCharsets.UTF_8), null).charset())
        .isEqualTo(StandardCharsets.UTF_8);
    CharsetSniffer.Sniffed latin = sniff("<p>Zürich café</p>".getBytes(WINDOWS_1252), null);
    assertThat(latin.charset()).isEqualTo(WINDOWS_1252);
    assertThat(latin.source()).isEqualTo("guess");
  }

  @Test
  void mislabelledPagesAreCorrected() {
    String chinese = "<meta charset=gb2312><p>谷歌在2014年收购的人工智能公司DeepMind开发出一款计算机。</p>";
    assertThat(sniff(chinese.getBytes(StandardCharsets.UTF_8), null).charset())
        .as("UTF-8 bytes under a GB2312 label")
        .isEqualTo(StandardCharsets.UTF_8);
    assertThat(sniff(chinese.getBytes(Charset.forName("GB2312")), null).charset())
        .as("real GB2312 bytes keep their label")
        .isEqualTo(Charset.forName("GB2312"));
    String latin =
        "<meta charset=utf-8>"
            + "<p>Département, contrôlé, été, à côté, réunion générale.</p>".repeat(20);
    assertThat(sniff(latin.getBytes(WINDOWS_1252), null).charset())
        .as("Latin-1 bytes under a UTF-8 label")
        .isEqualTo(WINDOWS_1252);
  }

  @Test
  void invalidUtf8SequencesAreCounted() {
    byte[] valid = "ascii é € 𝄞".getBytes(StandardCharsets.UTF_8);
    assertThat(CharsetSniffer.invalidUtf8Sequences(valid, valid.length, 10)).isZero();
    byte[] overlong = {(byte) 0xC0, (byte) 0xAF, 'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80};
    assertThat(CharsetSniffer.invalidUtf8Sequences(overlong, overlong.length, 10))
        .isGreaterThanOrEqualTo(2);
    byte[] cut = {'a', (byte) 0xE2, (byte) 0x82};
    assertThat(CharsetSniffer.invalidUtf8Sequences(cut, cut.length, 10))
        .as("cut by the buffer end")
        .isZero();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
