#include <catch2/catch.hpp>

#include "greenfront/issues.h"

using greenfront::did_you_mean;
using greenfront::first_invalid_utf8;
using greenfront::Issue;
using greenfront::Issues;
using greenfront::to_valid_utf8;

TEST_CASE("issue messages read: code, path, rule, got value", "[issues]") {
  Issues issues;
  issues.add("input.out_of_range", "training.gpu_hours", "must be >= 0", "-5");
  issues.add("input.empty_scenario", "", "must describe at least one phase", "");
  REQUIRE(issues.list().size() == 2);
  CHECK(issues.list()[0].message == "[input.out_of_range] training.gpu_hours: must be >= 0, got -5");
  CHECK(issues.list()[1].message ==
        "[input.empty_scenario] (document): must describe at least one phase");
}

TEST_CASE("paths join with dots and indices", "[issues]") {
  CHECK(greenfront::join_path("", "training") == "training");
  CHECK(greenfront::join_path("training", "hours") == "training.hours");
  CHECK(greenfront::index_path("grid_values", 2) == "grid_values[2]");
}

TEST_CASE("did-you-mean suggests close words only", "[issues]") {
  const std::vector<std::string> fields = {"utilization", "device_count", "hours"};
  CHECK(did_you_mean("utilisation", fields) == "utilization");  // one substitution
  CHECK(did_you_mean("hurs", fields) == "hours");               // one deletion
  CHECK(did_you_mean("devcie_count", fields) == "device_count");  // one transposition
  CHECK(did_you_mean("banana", fields).empty());
  // A fragment of a long catalog id is a strong hint.
  CHECK(did_you_mean("a100", {"nvidia-a100-sxm4-40gb", "nvidia-h100-sxm"}) ==
        "nvidia-a100-sxm4-40gb");
  // A typo in a prefix of a longer id: "nvidia-v1000" is one edit from "nvidia-v100-".
  CHECK(did_you_mean("nvidia-v1000", {"nvidia-a10g", "nvidia-v100-sxm2"}) == "nvidia-v100-sxm2");
}

TEST_CASE("did-you-mean skips only candidates too far apart in length", "[issues]") {
  // The limit is max(2, letters / 3) edits, and the distance is at least the length gap.
  // "utlization" (10 letters, limit 3) is one insertion from "utilization": gap 1, measured.
  CHECK(did_you_mean("utlization", {"utilization"}) == "utilization");
  // "utilizationnnn" (14, limit 4) is 3 deletions away: gap 3, within the limit.
  CHECK(did_you_mean("utilizationnnn", {"utilization"}) == "utilization");
  // "hourshourshours" (15, limit 5) is 10 from "hours": a gap of 10, never suggested.
  CHECK(did_you_mean("hourshourshours", {"hours"}).empty());
  // A word far longer than every candidate is refused without filling a table: 200,000
  // letters against "hours" is a gap of 199,995, beyond the limit of 66,666 (a full table
  // took 10 s per catalog search and 670 MB for a 4 MB key).
  CHECK(did_you_mean(std::string(200000, 'h'), {"hours", "training"}).empty());
  // A skipped candidate does not hide a close one after it.
  CHECK(did_you_mean("trainng", {std::string(1000, 't'), "training"}) == "training");
}

TEST_CASE("only the first 100 issues are listed, the rest are counted", "[issues][limits]") {
  Issues issues;
  for (int i = 0; i < 100; ++i) issues.add("input.unknown_field", "k" + std::to_string(i), "is not a known field", "");
  CHECK(issues.list().size() == 100);
  CHECK(issues.full());
  CHECK(issues.unlisted() == 0);
  issues.add("input.unknown_field", "k100", "is not a known field", "");
  issues.add("input.unknown_field", "k101", "is not a known field", "");
  CHECK(issues.list().size() == 100);
  CHECK(issues.list().back().path == "k99");
  CHECK(issues.unlisted() == 2);
  CHECK(issues.count() == 102);
  // Moving them under a parent keeps the count of those left out.
  Issues outer;
  greenfront::add_under(outer, "scenarios[0].scenario", issues);
  CHECK(outer.list().size() == 100);
  CHECK(outer.count() == 102);
  CHECK(outer.list().front().path == "scenarios[0].scenario.k0");
}

TEST_CASE("long paths and messages are cut at a character boundary", "[issues][limits]") {
  Issues issues;
  issues.add("input.unknown_field", std::string(600, 'k'), "is not a known field", "");
  const Issue& ascii = issues.list()[0];
  CHECK(ascii.path == std::string(512, 'k') + "…");
  CHECK(ascii.message == "[input.unknown_field] " + std::string(512, 'k') + "…: is not a known field");
  // "€" is 3 bytes: 512 = 3·170 + 2 falls inside the 171st, so the cut backs up to 510.
  std::string euros;
  for (int i = 0; i < 200; ++i) euros += "€";
  issues.add("input.unknown_field", euros, "is not a known field", "");
  CHECK(issues.list()[1].path == euros.substr(0, 510) + "…");
  CHECK(first_invalid_utf8(issues.list()[1].path) == std::string::npos);
  // A long rule: the message stops at 2048 bytes plus the ellipsis.
  issues.add("input.invalid_value", "x", std::string(5000, 'r'), "");
  CHECK(issues.list()[2].message.size() == 2048 + std::string("…").size());
  CHECK(greenfront::message_rule(issues.list()[2]).size() == 2048 + 3 - std::string("[input.invalid_value] x: ").size());
}

TEST_CASE("messages stay valid UTF-8 whatever they echo", "[issues]") {
  CHECK(first_invalid_utf8("plain ascii") == std::string::npos);
  CHECK(first_invalid_utf8("caf\xC3\xA9 \xF0\x9F\x98\x80") == std::string::npos);
  CHECK(first_invalid_utf8("ab\xC3") == 2);          // truncated
  CHECK(first_invalid_utf8("\xED\xA0\x80") == 0);    // surrogate
  CHECK(first_invalid_utf8("x\xC0\xAF") == 1);       // overlong '/'
  CHECK(first_invalid_utf8("\xF4\x90\x80\x80") == 0);  // above U+10FFFF
  CHECK(to_valid_utf8("a\xDB" "b") == "a\xEF\xBF\xBD" "b");
  Issues issues;
  issues.add("json.parse_error", "", "must be valid JSON", "last read: '8,\xDB'");
  CHECK(issues.list()[0].message ==
        "[json.parse_error] (document): must be valid JSON, got last read: '8,\xEF\xBF\xBD'");
}
