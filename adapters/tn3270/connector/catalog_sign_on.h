// The session pool's sign-on, home screen and reset keys, taken from a system's compiled screen
// catalog (mapping/engine/screen_script.h).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "adapters/mapping/engine/screen_script.h"
#include "adapters/tn3270/pool/session_pool.h"

namespace omnihub::tn3270 {

// Runs the catalog's sign-on script with `credentials` as its placeholder values ({user},
// {password}); the catalog is kept alive by the procedure.
SignOnProcedure CatalogSignOn(std::shared_ptr<const mapping::engine::ScreenCatalog> catalog,
                              std::map<std::string, std::string> credentials);

// True when the catalog's home screen (ScreenCatalog::home_screen) shows.
HomeScreenTest CatalogHomeTest(std::shared_ptr<const mapping::engine::ScreenCatalog> catalog);

// The keys that bring a session back home: the catalog's home key (twice: once may only clear an
// error message), or PF3 twice when it declares none.
std::vector<Aid> CatalogResetKeys(const mapping::engine::ScreenCatalog& catalog);

}  // namespace omnihub::tn3270
