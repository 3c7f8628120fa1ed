#include "adapters/tn3270/pool/password_sign_on.h"

#include <utility>

#include "adapters/tn3270/pool/screen_excerpt.h"

namespace omnihub::tn3270 {

SignOnProcedure PasswordSignOn(std::string user, std::string password) {
  return [user = std::move(user), password = std::move(password)](
             std::shared_ptr<Client> client, PoolClock::time_point deadline,
             std::function<void(absl::Status)> done) {
    client->AsyncRun([client, deadline, done = std::move(done), user, password] {
      Keyboard& keyboard = client->keyboard();
      keyboard.Home();
      absl::Status typed = keyboard.Type(user);
      if (typed.ok()) {
        keyboard.Tab();
        typed = keyboard.Type(password);
      }
      if (!typed.ok()) {
        done(absl::FailedPreconditionError("cannot type the sign-on (" +
                                           std::string(typed.message()) +
                                           "): " + ScreenExcerpt(client->screen())));
        return;
      }
      const auto left = deadline - PoolClock::now();
      client->AsyncSendAid(Aid::kEnter,
                           left > PoolClock::duration::zero() ? left : PoolClock::duration::zero(),
                           std::move(done));
    });
  };
}

}  // namespace omnihub::tn3270
