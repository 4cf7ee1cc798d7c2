package com.finpulse.alerts.api;

/** One resource of the REST API: registers its routes. */
@FunctionalInterface
interface ApiResource {

  void register(Routes routes);
}
