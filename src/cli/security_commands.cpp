// backup, restore, seal, unseal: copies of a project that lose nothing and leak nothing.

#include <filesystem>
#include <iostream>
#include <memory>

#include "cli_common.h"
#include "error.h"
#include "security/backup.h"
#include "security/sealed_file.h"
#include "security/secret.h"

namespace tessera::cli {
namespace {

void RegisterBackup(CLI::App& app) {
  struct Args {
    std::string project, out, coder;
    std::size_t keep = kDefaultBackupsKept;
    OutputOptions output;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "backup", "Copy the project consistently, even while it is in use (default: PROJECT.backups/<UTC time>.tessera, newest 10 kept)");
  cmd->add_option("PROJECT", a->project, "The project file")->required();
  cmd->add_option("-o,--output", a->out, "Write the backup to this new file instead (no rotation)");
  cmd->add_option("--keep", a->keep, "How many rotating backups to keep")->check(CLI::PositiveNumber);
  cmd->add_option("--coder", a->coder, "Who makes the backup, for the audit log (default: $TESSERA_CODER or the login name)");
  AddFormatOption(cmd, a->output);
  cmd->callback([a] {
    Project project = OpenProject(a->project, a->coder);
    const auto report = BackupProject(project, {.out_path = a->out, .keep = a->keep, .automatic = false});
    if (a->output.Json()) {
      return PrintJson({{"backup", report.path}, {"bytes", report.bytes}, {"sha256", report.sha256}, {"removed", report.removed}});
    }
    std::cout << "Backed up " << a->project << " to " << report.path << " (" << report.bytes << " bytes)\n";
    if (!report.removed.empty()) {
      std::cout << "Removed " << report.removed.size() << " older backup" << (report.removed.size() == 1 ? "" : "s") << "\n";
    }
  });
}

void RegisterRestore(CLI::App& app) {
  struct Args {
    std::string backup, project, coder;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand(
      "restore", "Replace a project with a backup, after checking the backup (the old project is kept as PROJECT.before-restore)");
  cmd->add_option("BACKUP", a->backup, "The backup file")->required();
  cmd->add_option("PROJECT", a->project, "The project file to replace (or create)")->required();
  cmd->add_option("--coder", a->coder, "Who restores, for the audit log (default: $TESSERA_CODER or the login name)");
  cmd->callback([a] {
    const auto report = RestoreProject(a->backup, a->project, a->coder);
    std::cout << "Restored " << a->project << " from " << a->backup;
    if (!report.previous_path.empty()) std::cout << "; the previous project is kept as " << report.previous_path;
    std::cout << "\n";
  });
}

void RegisterSeal(CLI::App& app) {
  struct Args {
    std::string project, out, passphrase_file, coder;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("seal", "Encrypt a copy of the project with a passphrase, for sending it to a coder");
  cmd->add_option("PROJECT", a->project, "The project file")->required();
  cmd->add_option("-o,--output", a->out, "The sealed file to write (never replaced)")->required();
  cmd->add_option("--passphrase-file", a->passphrase_file, "File whose first line is the passphrase (- for stdin)")->required();
  cmd->add_option("--coder", a->coder, "Who does it, for the audit log (default: $TESSERA_CODER or the login name)");
  cmd->callback([a] {
    const Secret passphrase = ReadPassphraseFile(a->passphrase_file);
    SealOptions options;
    options.actor = a->coder;
    const auto report = SealProject(a->project, a->out, passphrase.View(), options);
    std::cout << "Sealed " << a->project << " into " << report.path << " (" << report.bytes << " bytes)\n";
  });
}

void RegisterUnseal(CLI::App& app) {
  struct Args {
    std::string sealed, project, passphrase_file, coder;
  };
  auto a = std::make_shared<Args>();
  auto* cmd = app.add_subcommand("unseal", "Decrypt a sealed file into a new project (an existing project is never replaced)");
  cmd->add_option("FILE", a->sealed, "The sealed file")->required();
  cmd->add_option("-o,--output", a->project, "The project file to create")->required();
  cmd->add_option("--passphrase-file", a->passphrase_file, "File whose first line is the passphrase (- for stdin)")->required();
  cmd->add_option("--coder", a->coder, "Who does it, for the audit log (default: $TESSERA_CODER or the login name)");
  cmd->callback([a] {
    const Secret passphrase = ReadPassphraseFile(a->passphrase_file);
    UnsealProject(a->sealed, a->project, passphrase.View(), a->coder);
    std::cout << "Unsealed " << a->sealed << " into " << a->project << "\n";
  });
}

}  // namespace

void RegisterSecurityCommands(CLI::App& app) {
  RegisterBackup(app);
  RegisterRestore(app);
  RegisterSeal(app);
  RegisterUnseal(app);
}

}  // namespace tessera::cli
