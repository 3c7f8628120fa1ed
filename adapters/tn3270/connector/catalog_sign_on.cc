#include "adapters/tn3270/connector/catalog_sign_on.h"

#include "adapters/tn3270/connector/screen_match.h"
#include "adapters/tn3270/connector/script_executor.h"

namespace omnihub::tn3270 {

namespace engine = mapping::engine;

SignOnProcedure CatalogSignOn(std::shared_ptr<const engine::ScreenCatalog> catalog,
                              std::map<std::string, std::string> credentials) {
  return [catalog = std::move(catalog), credentials = std::move(credentials)](
             std::shared_ptr<Client> client, PoolClock::time_point deadline,
             std::function<void(absl::Status)> done) {
    ScriptRequest request;
    request.catalog = catalog.get();
    request.steps = &catalog->sign_on;
    request.keep_alive = catalog;
    request.values = credentials;
    request.deadline = deadline;
    request.name = "sign-on";
    RunScript(
        std::move(client), std::move(request),
        [done = std::move(done)](absl::StatusOr<ScriptResult> result) { done(result.status()); });
  };
}

HomeScreenTest CatalogHomeTest(std::shared_ptr<const engine::ScreenCatalog> catalog) {
  return [catalog = std::move(catalog)](const Screen& screen) {
    const engine::ScreenDef* home = catalog->FindScreen(catalog->home_screen);
    return home != nullptr && AllMarkersMatch(screen, home->markers);
  };
}

std::vector<Aid> CatalogResetKeys(const engine::ScreenCatalog& catalog) {
  if (auto key = ParseAid(catalog.home_key); key.has_value()) return {*key, *key};
  return {Aid::kPf3, Aid::kPf3};
}

}  // namespace omnihub::tn3270
