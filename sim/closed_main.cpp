// Links an area with only the areas it depends on (sim/CMakeLists.txt):
// a call into any other area leaves an undefined reference.
int main() { return 0; }
