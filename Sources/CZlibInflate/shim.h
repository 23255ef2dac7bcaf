// zlib's inflate, for gzip files (`.fit.gz`, `.gpx.gz`, `.tcx.gz`); see GzipSource.swift.
#include <zlib.h>

// `inflateInit2` is a macro; Swift sees this function instead.
static inline int mq_inflate_init2(z_stream *stream, int windowBits) {
  return inflateInit2(stream, windowBits);
}
