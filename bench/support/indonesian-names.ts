// Real Indonesian given and family names, for benchmarks that need realistic people: common Javanese, Sundanese,
// Bugis, Buton (Wa Ode / La Ode), Balinese (birth-order names Putu, Made, Nyoman, Ketut; Ni Luh, I Gusti), Sasak
// (Baiq, Lalu) and Muslim names, as they occur among migrant workers returning through Sulawesi and NTB. Many
// Indonesians have one name only; the benchmark builds a full name from one or two given names and, mostly, a
// family or second name.

export const GIVEN_NAMES: readonly string[] = [
  'Siti', 'Nur', 'Dewi', 'Sri', 'Ani', 'Ayu', 'Eka', 'Dwi', 'Tri', 'Rina', 'Yuli', 'Wati', 'Lina', 'Nia', 'Ratna',
  'Fitri', 'Indah', 'Putri', 'Rini', 'Sari', 'Tuti', 'Endang', 'Suharti', 'Sumiati', 'Karsih', 'Tarsini', 'Warsini',
  'Yanti', 'Novi', 'Maya', 'Lilis', 'Euis', 'Neneng', 'Iis', 'Cucu', 'Ai', 'Ratih', 'Kartini', 'Fatimah', 'Aisyah',
  'Khadijah', 'Zainab', 'Nurul', 'Siti Nur', 'Ni Luh', 'Ni Made', 'Ni Nyoman', 'Ni Ketut', 'Putu', 'Made', 'Kadek',
  'Nyoman', 'Komang', 'Ketut', 'Wayan', 'Gede', 'I Gusti', 'Wa Ode', 'La Ode', 'Baiq', 'Lalu', 'Andi', 'Muhammad',
  'Ahmad', 'Abdul', 'Agus', 'Budi', 'Joko', 'Slamet', 'Bambang', 'Hendra', 'Rudi', 'Dedi', 'Asep', 'Ujang', 'Iwan',
  'Yusuf', 'Rahmat', 'Hasan', 'Husein', 'Ilham', 'Arif', 'Fajar', 'Rizki', 'Taufik', 'Syamsul', 'Darmawan', 'Basri',
  'Hamzah', 'Ismail', 'Irfan', 'Sudirman', 'Sukarni', 'Mulyani', 'Suryani', 'Haryati', 'Nengsih', 'Dede',
];

export const FAMILY_NAMES: readonly string[] = [
  'Rahmawati', 'Wahyuni', 'Sulistyowati', 'Lestari', 'Hasanah', 'Aminah', 'Handayani', 'Kurniawati', 'Susanti',
  'Puspitasari', 'Rahayu', 'Wulandari', 'Maharani', 'Pratiwi', 'Safitri', 'Anggraini', 'Permatasari', 'Setiawati',
  'Yulianti', 'Fitriani', 'Nurhayati', 'Marlina', 'Suryaningsih', 'Ningsih', 'Utami', 'Rosmawati', 'Mardiana',
  'Hidayati', 'Kusumawati', 'Purwanti', 'Sartika', 'Novitasari', 'Rusmini', 'Saodah', 'Juariah', 'Kokom', 'Salmah',
  'Hadijah', 'Nurjanah', 'Halimah', 'Rukmini', 'Sumarni', 'Ariani', 'Astuti', 'Saputra', 'Saputri', 'Santoso',
  'Setiawan', 'Hidayat', 'Nugroho', 'Kurniawan', 'Prasetyo', 'Wijaya', 'Gunawan', 'Siregar', 'Nasution', 'Lubis',
  'Harahap', 'Simanjuntak', 'Situmorang', 'Sitompul', 'Manurung', 'Tambunan', 'Hutapea', 'Daeng Ngalle', 'Mappanyukki',
  'Pawelloi', 'Latif', 'Rauf', 'Baso', 'Sompa', 'Tenri', 'Ruslan', 'Mansyur', 'Syahrir', 'Masnah', 'Suriani',
  'Sukmawati', 'Karlina', 'Widiastuti', 'Sulastri', 'Suwarni', 'Wiryani', 'Adnyani', 'Sukerti', 'Suartini',
  'Astiti', 'Ariasih', 'Sudiarta', 'Wirawan', 'Artawan', 'Zulkarnain', 'Nurdin', 'Hamid', 'Usman', 'Abdullah',
];
