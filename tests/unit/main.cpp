// The Catch2 v2 runner for greenfront_tests; test cases live in the *_test.cpp files.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
