/*
 * Tessera redaction plugin ABI, version 1.
 *
 * A redaction plugin is a shared library (.so) that exports exactly one function:
 *
 *     const TesseraRedactionPlugin* tessera_redaction_plugin(void);
 *
 * It returns a pointer to a static, read-only table of function pointers. The host reads
 * `abi_version` (always the first member, in every version of this ABI) and `struct_size`
 * before it touches anything else, and refuses a plugin whose version it does not support.
 *
 * This header is plain C (C89/C99) so that a plugin can be written in C, C++ or anything else
 * that can export a C symbol. See docs/plugins.md for a walk-through.
 *
 * Offsets: every span is a half-open range [start, end) of Unicode code points (not bytes, not
 * UTF-16 units) from the start of the text passed to `detect`.
 *
 * Ownership (who frees what):
 *   - The table returned by tessera_redaction_plugin() and its `id`, `name` and `version`
 *     strings belong to the plugin and must stay valid until the library is unloaded. The host
 *     never frees or writes them.
 *   - `config_json`, `utf8_text` and `language` belong to the host and are valid only during the
 *     call; a plugin that needs them later copies them.
 *   - The instance returned by `create` belongs to the host, which releases it with exactly one
 *     call to `destroy` (never with free()).
 *   - An array returned through `spans_out` belongs to the host until it hands it back with
 *     `free_spans(instance, spans, count)`; the host never frees it any other way. A plugin may
 *     return NULL with a count of 0 when it found nothing; free_spans is then not called.
 *   - A string returned through `error_out` (NUL-terminated UTF-8) is released by the host with
 *     `free_string`. A plugin sets *error_out only when it fails; it is NULL on entry.
 *
 * Threads and processes: the host may call `detect` in a forked child process (so that a crash
 * in plugin code cannot take the host down). Changes a plugin makes to its own state inside
 * `detect` may therefore be lost; `detect` must treat the instance as read-only. `create` and
 * `destroy` run in the host process. The host never calls one instance from two threads at once.
 */
#ifndef TESSERA_REDACTION_PLUGIN_H
#define TESSERA_REDACTION_PLUGIN_H

#include <stddef.h>

#if defined(__cplusplus) || (defined(__STDC_VERSION__) && __STDC_VERSION__ >= 199901L)
#include <stdint.h>
typedef uint32_t tessera_u32;
typedef uint64_t tessera_u64;
#else
/* C89 has no <stdint.h> and no long long: unsigned int is 32 bits and unsigned long is 64 bits
 * on the LP64 platforms Tessera supports; the sizes are checked at compile time below. */
typedef unsigned int tessera_u32;
typedef unsigned long tessera_u64;
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** The ABI version this header describes. */
#define TESSERA_REDACTION_ABI_VERSION 1u

/** The name of the one exported function. */
#define TESSERA_REDACTION_ENTRY_POINT "tessera_redaction_plugin"

#if defined(_WIN32)
#define TESSERA_PLUGIN_EXPORT __declspec(dllexport)
#else
#define TESSERA_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

/** What a span is. New kinds may be added in later versions; hosts treat unknown values as
 * TESSERA_SPAN_OTHER. Values are fixed: never renumber. */
typedef enum TesseraSpanKind {
  TESSERA_SPAN_PERSON = 0,       /**< a person's name, nickname or part of a name */
  TESSERA_SPAN_PLACE = 1,        /**< village, town, district, street name, landmark */
  TESSERA_SPAN_SCHOOL = 2,       /**< a school, college or madrasa */
  TESSERA_SPAN_ADDRESS = 3,      /**< a postal or street address */
  TESSERA_SPAN_PHONE = 4,        /**< a telephone number */
  TESSERA_SPAN_EMAIL = 5,        /**< an e-mail address */
  TESSERA_SPAN_HANDLE = 6,       /**< a social-media handle such as @name */
  TESSERA_SPAN_URL = 7,          /**< a web address */
  TESSERA_SPAN_AGE = 8,          /**< a stated age ("I was 14") */
  TESSERA_SPAN_DOB = 9,          /**< a date of birth */
  TESSERA_SPAN_ID_NUMBER = 10,   /**< national ID, passport, birth certificate number */
  TESSERA_SPAN_CASE_NUMBER = 11, /**< police, court or welfare case reference */
  TESSERA_SPAN_ORGANISATION = 12,/**< an organisation, church, employer, NGO */
  TESSERA_SPAN_OTHER = 13        /**< anything else identifying */
} TesseraSpanKind;

/** One identifying span found by a plugin. */
typedef struct TesseraSpan {
  tessera_u64 start;   /**< first code point of the span */
  tessera_u64 end;     /**< one past the last code point; start <= end <= length of the text */
  tessera_u32 kind;    /**< a TesseraSpanKind value */
  tessera_u32 needs_review; /**< 1: ambiguous (e.g. a name that is also a common word) */
  double confidence;   /**< 0..1: how sure the plugin is that the span identifies someone */
} TesseraSpan;

/** The function table a plugin returns. Members are only ever appended in later versions. */
typedef struct TesseraRedactionPlugin {
  /** Must be TESSERA_REDACTION_ABI_VERSION. Always the first member. */
  tessera_u32 abi_version;
  /** sizeof(TesseraRedactionPlugin) as the plugin was compiled; lets a later host see which
   * appended members exist. */
  tessera_u32 struct_size;
  /** Stable identifier: lower-case ASCII letters, digits and '-' ("pii-patterns"). */
  const char* id;
  /** Human-readable name (UTF-8). */
  const char* name;
  /** The plugin's own version ("1.0.0"). */
  const char* version;

  /** Creates an instance from a JSON configuration ("{}" when there is none). Returns NULL on
   * failure and may then set *error_out to a message the host frees with free_string. */
  void* (*create)(const char* config_json, char** error_out);

  /** Finds identifying spans in `utf8_text` (`text_bytes` bytes of valid UTF-8, NFC, not
   * NUL-terminated) written in `language` (BCP 47 such as "sw", "th", "pt-MZ"; may be "" when
   * unknown). On success returns 0 and sets *spans_out and *count_out. On failure returns
   * non-zero, sets *error_out when it can, and sets no spans. */
  int (*detect)(void* instance, const char* utf8_text, size_t text_bytes, const char* language,
                TesseraSpan** spans_out, size_t* count_out, char** error_out);

  /** Releases an array returned by detect (never NULL when called). */
  void (*free_spans)(void* instance, TesseraSpan* spans, size_t count);

  /** Releases a string returned through error_out. */
  void (*free_string)(char* text);

  /** Releases an instance returned by create. */
  void (*destroy)(void* instance);
} TesseraRedactionPlugin;

/** The type of the one exported function. */
typedef const TesseraRedactionPlugin* (*TesseraRedactionPluginEntry)(void);

/* Compile-time size checks (C89-compatible). */
typedef char tessera_check_u32_size[sizeof(tessera_u32) == 4 ? 1 : -1];
typedef char tessera_check_u64_size[sizeof(tessera_u64) == 8 ? 1 : -1];

#ifdef __cplusplus
}
#endif

#endif /* TESSERA_REDACTION_PLUGIN_H */
