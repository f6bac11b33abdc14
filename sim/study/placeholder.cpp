// Placeholder until the study area has sources.
namespace sandtable::study {}
