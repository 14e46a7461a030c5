#pragma once
// The operator commands `moderno backup`, `moderno restore` and `moderno copy-data`: flags in,
// text out (the archive path as the last line of a backup), exit code back.
#include <string>

#include "platform/config/config.hpp"

namespace moderno::backup {

// moderno backup --to DIR [--keep-daily N] [--keep-weekly M] | --verify ARCHIVE
int BackupCommand(const config::Config& cfg, const config::Flags& flags, const std::string& app_version);
// moderno restore ARCHIVE --data-dir DIR [--database-url URL] [--force]
int RestoreCommand(const config::Config& cfg, const config::Flags& flags);
// moderno copy-data --from URL --to URL [--force]
int CopyDataCommand(const config::Flags& flags);

}  // namespace moderno::backup
