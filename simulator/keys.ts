/**
 * TEST-ONLY keys of the demo state. They are public, well-known test vectors — the Hardhat/Anvil default
 * accounts (EVM) and the RFC 8032 §7.1 test seeds (Solana) — and must never hold real funds.
 */
export const DEMO_KEYS = {
  /** EVM master "MainDesk" (VIP 2). Anvil account #0. */
  evmMaster: {
    privateKey: '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
    address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  },
  /** EVM sub-account "Grid01" of MainDesk. Anvil #1. */
  evmSubGrid: {
    privateKey: '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
    address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  },
  /** EVM sub-account "Hedge02" of MainDesk (hedge mode). Anvil #2. */
  evmSubHedge: {
    privateKey: '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
    address: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
  },
  /** EVM master "LossDesk" (VIP 0) with a negative USDT balance. Anvil #3. */
  evmLossMaster: {
    privateKey: '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6',
    address: '0x90F79bf6EB2c4f870365E785982E1f101E93b906',
  },
  /** API wallet of MainDesk: perp, spot, withdraw; IP whitelist 127.0.0.1 and ::1. Anvil #4. */
  evmMasterAgent: {
    privateKey: '0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a',
    address: '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65',
  },
  /** API wallet of LossDesk: perp, withdraw. Anvil #5. */
  evmLossAgent: {
    privateKey: '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba',
    address: '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc',
  },
  /** API wallet of Grid01 (sub): perp and spot, never withdraw. Anvil #6. */
  evmSubAgent: {
    privateKey: '0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e',
    address: '0x976EA74026E726554dB657fA54763abd0C3a0aa9',
  },
  /** API wallet (an EVM key, as always) of the Solana master SolDesk: perp, withdraw. Anvil #7. */
  solanaMasterAgent: {
    privateKey: '0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356',
    address: '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955',
  },
  /** Unused EVM keys, free for new sub-accounts or agents in tests and demos. Anvil #8 and #9. */
  evmSpare1: {
    privateKey: '0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97',
    address: '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f',
  },
  evmSpare2: {
    privateKey: '0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6',
    address: '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720',
  },
  /** Solana master "SolDesk" (VIP 2). RFC 8032 test 1 seed (hex, 32 bytes). */
  solanaMaster: {
    seed: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    address: 'FVen3X669xLzsi6N2V91DoiyzHzg1uAgqiT8jZ9nS96Z',
  },
  /** Solana sub-account "SolGrid1" of SolDesk. RFC 8032 test 2 seed. */
  solanaSub: {
    seed: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    address: '586Z7H2vpX9qNhN2T4e9Utugie3ogjbxzGaMtM3E6HR5',
  },
  /** Unused Solana key for new sub-accounts. RFC 8032 test 3 seed. */
  solanaSpare: {
    seed: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    address: 'Hyx62wPQGyvXCoihZq1BrbUjBRh2LuNxWiiqMkfAuSZr',
  },
} as const;
