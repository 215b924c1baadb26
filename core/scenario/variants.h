// Variants of a scenario (scenario-format.md, "Variants"): named overrides of the base program,
// so that one lesson can be run several ways and the runs compared on one time axis.
#pragma once

#include "scenario/scenario.h"
#include "scenario/scenario_problem.h"
#include "scenario/scenario_walk.h"

#include <QJsonArray>
#include <QStringList>

#include <vector>

namespace loopscope {

class ObjectReader;
struct ReadContext;

// The base scenario with the variant's overrides applied: python settings that are set,
// resource fields that are set, coroutines replaced (or added) by name. The result is a plain
// scenario without variants, titled "<title> — <variant name>" and with the variant's notes
// when it has some.
Scenario applyVariant(const Scenario &base, const Variant &variant);

// The variant called `name`, or nullptr.
const Variant *findVariant(const Scenario &scenario, const QString &name);

// The scenarios to compare for one file: every variant applied when it has some, else the base
// alone. `names` (when not empty) picks variants by name; "base" is the unmodified scenario.
// Unknown names are returned in *unknown (when given) and skipped.
struct NamedScenario
{
    QString name;
    Scenario scenario;
};
std::vector<NamedScenario> scenariosToCompare(const Scenario &scenario, const QStringList &names,
                                              QStringList *unknown = nullptr);

// Reading (variant_io.cpp): the `variants` array at `path`. Unknown keys are refused, since an
// override that is silently ignored would compare two identical runs.
std::vector<Variant> readVariants(ReadContext &context, const QJsonArray &array,
                                  const QString &path);
// Visits the steps of every variant's coroutines, with paths "variants[i].coroutines[j].steps[k]"
// (the reader gives them ids as it does the base's steps).
void forEachVariantStep(Scenario &scenario, const StepVisitor &visit);

// Validation: names (non-empty, unique), overrides that name nothing or a field the resource's
// kind does not have, and every problem of the applied scenario, reported at the variant's own
// JSON path ("variants[1].coroutines[0].steps[2].seconds"). Problems the base already has
// (`baseProblems`) are not repeated.
std::vector<ScenarioProblem> validateVariants(const Scenario &scenario,
                                              const std::vector<ScenarioProblem> &baseProblems);

} // namespace loopscope
