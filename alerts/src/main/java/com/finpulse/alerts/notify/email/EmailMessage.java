package com.finpulse.alerts.notify.email;

/** A rendered e-mail: subject and both bodies. */
public record EmailMessage(String subject, String text, String html) {}
