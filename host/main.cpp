#include <iostream>

#include "catalogd.hpp"

POCO_SERVER_MAIN(catalog::host::Catalogd)
