package com.finpulse.ingest.source;

/** Told how far a finite source has come (the CLI draws a progress bar from it). */
public interface ProgressListener {

  ProgressListener NONE = (done, total) -> {};

  void progress(long done, long total);
}
