// Placeholder until the analysis area has sources.
namespace sandtable::analysis {}
