/* Broken redaction plugins for tests/test_plugin_host.cpp. One source, one library per
 * TEST_PLUGIN_* macro (see CMakeLists.txt); built into plugins-testing/, which no search path
 * includes, so users never load them. */

#define _POSIX_C_SOURCE 200809L

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <tessera/redaction_plugin.h>
#include <unistd.h>

static void* test_create(const char* config_json, char** error_out) {
  static int instance;
  (void)config_json;
  (void)error_out;
  return &instance;
}

/* The crash is the point: the sanitizer preset must not report it as a bug of its own. */
#if defined(TEST_PLUGIN_crash) && defined(__GNUC__)
__attribute__((no_sanitize("undefined")))
#endif
static int test_detect(void* instance, const char* text, size_t bytes, const char* language,
                       TesseraSpan** spans_out, size_t* count_out, char** error_out) {
  (void)instance;
  (void)text;
  (void)language;
#if defined(TEST_PLUGIN_crash)
  (void)bytes;
  (void)spans_out;
  (void)count_out;
  (void)error_out;
  {
    volatile int* volatile nowhere = NULL;
    *nowhere = 42; /* segmentation fault */
  }
  raise(SIGSEGV);
  return 0;
#elif defined(TEST_PLUGIN_error)
  (void)bytes;
  (void)spans_out;
  (void)count_out;
  *error_out = strdup("the test plugin always fails");
  return 7;
#elif defined(TEST_PLUGIN_hang)
  (void)bytes;
  (void)spans_out;
  (void)count_out;
  (void)error_out;
  for (;;) pause();
  return 0;
#else /* bad-spans and old-abi: one span that ends past the text */
  (void)error_out;
  *spans_out = (TesseraSpan*)malloc(sizeof(TesseraSpan));
  if (*spans_out == NULL) return 1;
  (*spans_out)[0].start = 0;
  (*spans_out)[0].end = bytes + 10;
  (*spans_out)[0].kind = TESSERA_SPAN_PERSON;
  (*spans_out)[0].needs_review = 0;
  (*spans_out)[0].confidence = 1.0;
  *count_out = 1;
  return 0;
#endif
}

static void test_free_spans(void* instance, TesseraSpan* spans, size_t count) {
  (void)instance;
  (void)count;
  free(spans);
}

static void test_free_string(char* text) { free(text); }

static void test_destroy(void* instance) { (void)instance; }

static const TesseraRedactionPlugin test_table = {
#if defined(TEST_PLUGIN_old_abi)
    0u, /* a plugin built against a version of the ABI this host does not know */
#else
    TESSERA_REDACTION_ABI_VERSION,
#endif
    sizeof(TesseraRedactionPlugin),
    TEST_PLUGIN_ID,
    "Broken plugin for tests",
    "0.0.0",
    test_create,
    test_detect,
    test_free_spans,
    test_free_string,
    test_destroy};

TESSERA_PLUGIN_EXPORT const TesseraRedactionPlugin* tessera_redaction_plugin(void) {
  return &test_table;
}
