// libFuzzer target: tessera::fuzz::Transcript (fuzz/fuzz_inputs.h). Run through scripts/fuzz.sh.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_inputs.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tessera::fuzz::Transcript(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
