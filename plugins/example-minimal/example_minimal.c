/* example-minimal: the smallest useful redaction plugin, walked through in docs/plugins.md.
 * It reports every occurrence of the word SECRET as "other". Plain C99, no dependencies. */

#include <stdlib.h>
#include <string.h>
#include <tessera/redaction_plugin.h>

/* Error messages are malloc'd so that example_free_string can free them. */
static char* example_copy(const char* text) {
  char* copy = (char*)malloc(strlen(text) + 1);
  if (copy != NULL) strcpy(copy, text);
  return copy;
}

/* No configuration: any non-NULL pointer serves as the instance. */
static void* example_create(const char* config_json, char** error_out) {
  static int instance;
  (void)config_json;
  (void)error_out;
  return &instance;
}

/* Offsets are code points: count every byte that does not continue a UTF-8 sequence. */
static int example_detect(void* instance, const char* text, size_t bytes, const char* language,
                          TesseraSpan** spans_out, size_t* count_out, char** error_out) {
  static const char word[] = "SECRET";
  const size_t word_bytes = sizeof word - 1;
  size_t i, code_point = 0, count = 0;
  TesseraSpan* spans = NULL;
  (void)instance;
  (void)language;
  for (i = 0; i < bytes; ++i) {
    if (i + word_bytes <= bytes && memcmp(text + i, word, word_bytes) == 0) {
      TesseraSpan* grown = (TesseraSpan*)realloc(spans, (count + 1) * sizeof *spans);
      if (grown == NULL) {
        free(spans);
        *error_out = example_copy("out of memory");
        return 1;
      }
      spans = grown;
      spans[count].start = code_point;
      spans[count].end = code_point + word_bytes; /* ASCII: one code point per byte */
      spans[count].kind = TESSERA_SPAN_OTHER;
      spans[count].needs_review = 0;
      spans[count].confidence = 1.0;
      ++count;
    }
    if (((unsigned char)text[i] & 0xC0) != 0x80) ++code_point;
  }
  *spans_out = spans;
  *count_out = count;
  return 0;
}

static void example_free_spans(void* instance, TesseraSpan* spans, size_t count) {
  (void)instance;
  (void)count;
  free(spans);
}

static void example_free_string(char* text) { free(text); }

static void example_destroy(void* instance) { (void)instance; }

static const TesseraRedactionPlugin example_table = {TESSERA_REDACTION_ABI_VERSION,
                                                     sizeof(TesseraRedactionPlugin),
                                                     "example-minimal",
                                                     "Example: the word SECRET",
                                                     "1.0.0",
                                                     example_create,
                                                     example_detect,
                                                     example_free_spans,
                                                     example_free_string,
                                                     example_destroy};

TESSERA_PLUGIN_EXPORT const TesseraRedactionPlugin* tessera_redaction_plugin(void) {
  return &example_table;
}
