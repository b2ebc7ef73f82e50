#pragma once
// Test support: the bundled example study as a project file, built once per test run through the
// core (import of examples/transcripts with examples/variables.csv, then both coders' codings from
// examples/codings.csv), and copied for each test that changes it.

#include <filesystem>
#include <string>

namespace tessera::app::test {

/// A fresh copy of the example study in the test output folder, named after `name`.
std::filesystem::path ExampleStudyCopy(const std::string& name);

/// The folder tests write into (screenshots, projects): <build>/tests/app/output.
std::filesystem::path OutputFolder();

/// Applies the codings of a CSV (document, code, coder, quote) like `tessera-cli import-codings`.
void ImportCodingsCsv(const std::filesystem::path& project, const std::filesystem::path& csv);

}  // namespace tessera::app::test
