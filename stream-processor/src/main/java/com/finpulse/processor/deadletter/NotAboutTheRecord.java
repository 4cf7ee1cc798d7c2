package com.finpulse.processor.deadletter;

/**
 * Marks a failure that is not the record's fault (a broken model or device): the dead-letter
 * handler stops the stream thread on it instead of dead-lettering the record, so nothing is lost
 * and a restart resumes from the last commit.
 */
public interface NotAboutTheRecord {}
