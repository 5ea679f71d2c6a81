// Registers cdktf's jest matchers (toHaveResource, toHaveResourceWithProperties, toBeValidTerraform, ...).
import { setupJest } from 'cdktf/lib/testing/adapters/jest';

setupJest();
