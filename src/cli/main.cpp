// tessera-cli: every capability of libtessera, scriptable, with JSON for machines.
// Errors are one line on stderr and a non-zero exit; a failed command leaves the project as it was.

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli_common.h"
#include "error.h"

int main(int argc, char** argv) {
  CLI::App app{"Tessera: coding and analysis of interview transcripts", "tessera-cli"};
  app.set_version_flag("--version", TESSERA_VERSION);
  app.require_subcommand(1);
  tessera::cli::RegisterProjectCommands(app);
  tessera::cli::RegisterVariableCommands(app);
  tessera::cli::RegisterCodingCommands(app);
  CLI::App* codebook = tessera::cli::RegisterCodebookCommands(app);
  tessera::cli::RegisterAnalysisCommands(app);
  tessera::cli::RegisterSecurityCommands(app);
  tessera::cli::RegisterAgreementCommands(app);
  tessera::cli::RegisterSearchCommands(app);
  // `export` groups the exporters of several areas: export quotes, export qdpx, …
  auto* export_cmd = app.add_subcommand("export", "Export quotes, projects (qdpx) and codebooks");
  export_cmd->require_subcommand(1);
  tessera::cli::RegisterRedactionCommands(app, *export_cmd);
  tessera::cli::RegisterExchangeCommands(app, *codebook, *export_cmd);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const tessera::Cancelled&) {
    std::cerr << "tessera-cli: cancelled; nothing was changed\n";
    return 130;
  } catch (const tessera::DataError& e) {
    std::cerr << "tessera-cli: " << e.what() << "\n";
    return 1;
  } catch (const tessera::Error& e) {
    std::cerr << "tessera-cli: internal error: " << e.what() << "\n";
    return 3;
  } catch (const std::exception& e) {
    std::cerr << "tessera-cli: " << e.what() << "\n";
    return 3;
  }
  return 0;
}
