#pragma once
// The OpenAPI 3.1 description of the API as it exists, served at /api/v1/openapi.json.
#include <string_view>

namespace moderno::app {

std::string_view OpenApiJson();

}  // namespace moderno::app
