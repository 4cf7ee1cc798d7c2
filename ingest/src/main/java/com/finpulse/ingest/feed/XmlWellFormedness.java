package com.finpulse.ingest.feed;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * Checks that a document is well-formed XML with the JDK's streaming parser: no external entities
 * or DTDs are fetched and entity expansion is limited (secure processing), so a billion-laughs or a
 * deeply nested document costs a bounded amount of work. Items are read by the tolerant Jsoup
 * parser either way; this only tells the operator that a feed is broken and where.
 */
final class XmlWellFormedness {

  private static final SAXParserFactory FACTORY = factory();

  private XmlWellFormedness() {}

  private static SAXParserFactory factory() {
    SAXParserFactory f = SAXParserFactory.newInstance();
    f.setNamespaceAware(false);
    f.setValidating(false);
    try {
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("the JDK XML parser lacks a standard feature", e);
    }
    return f;
  }

  /** Errors as {@code line L, column C: message}; empty when the document is well-formed. */
  static List<String> problems(String xml) {
    List<String> problems = new ArrayList<>();
    try {
      SAXParser parser = FACTORY.newSAXParser();
      XMLReader reader = parser.getXMLReader();
      reader.setErrorHandler(
          new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {}

            @Override
            public void error(SAXParseException e) {
              if (problems.size() < 5) {
                problems.add(describe(e));
              }
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
              throw e;
            }
          });
      // A leading blank line before <?xml ...?> is an error to a strict parser but harmless.
      reader.parse(new InputSource(new StringReader(xml.stripLeading())));
    } catch (SAXParseException e) {
      problems.add(describe(e));
    } catch (SAXException | IOException e) {
      problems.add(String.valueOf(e.getMessage()));
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
    return problems;
  }

  private static String describe(SAXParseException e) {
    return "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + e.getMessage();
  }
}
