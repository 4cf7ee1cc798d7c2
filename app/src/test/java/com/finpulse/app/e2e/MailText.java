package com.finpulse.app.e2e;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;

/** The plain-text part of an e-mail (or its only text). */
final class MailText {

  private MailText() {}

  static String of(Part part) throws MessagingException, IOException {
    Object content = part.getContent();
    if (content instanceof String s) {
      return s;
    }
    if (content instanceof Multipart multipart) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart p = multipart.getBodyPart(i);
        if (p.isMimeType("text/plain") || p.isMimeType("multipart/*")) {
          sb.append(of(p));
        }
      }
      return sb.toString();
    }
    return "";
  }
}
